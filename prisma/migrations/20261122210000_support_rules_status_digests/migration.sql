-- CreateEnum
CREATE TYPE "SupportKind" AS ENUM ('interpreter', 'mentor', 'visit', 'danish', 'upskilling');

-- CreateEnum
CREATE TYPE "SupportStatus" AS ENUM ('open', 'taken', 'done', 'declined');

-- CreateEnum
CREATE TYPE "ChannelPurpose" AS ENUM ('digest', 'jobcenter');

-- AlterTable
ALTER TABLE "Placement" ADD COLUMN     "benefitGroup" TEXT,
ADD COLUMN     "endReason" TEXT,
ADD COLUMN     "endedOn" DATE,
ADD COLUMN     "hoursPerWeek" DOUBLE PRECISION,
ADD COLUMN     "purpose" TEXT,
ADD COLUMN     "representativeConfirmed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "representativeName" TEXT,
ADD COLUMN     "workplaceId" TEXT;

-- CreateTable
CREATE TABLE "Workplace" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "pNumber" TEXT NOT NULL,
    "ordinaryEmployeesFte" DOUBLE PRECISION NOT NULL,
    "asOf" DATE NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workplace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatioExemption" (
    "placementId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "grantedBy" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RatioExemption_pkey" PRIMARY KEY ("placementId")
);

-- CreateTable
CREATE TABLE "SupportRequest" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "placementId" TEXT,
    "companyName" TEXT,
    "cvr" TEXT,
    "kind" "SupportKind" NOT NULL,
    "status" "SupportStatus" NOT NULL DEFAULT 'open',
    "wantedOn" DATE,
    "timeWindow" TEXT,
    "language" TEXT,
    "hoursPerWeek" DOUBLE PRECISION,
    "weeks" INTEGER,
    "note" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requesterName" TEXT,
    "holder" TEXT,
    "holderName" TEXT,
    "takenAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "declineReason" TEXT,
    "channelMessage" JSONB,
    "reminderSentAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "idempotencyKey" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupportRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelLink" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "organisationId" TEXT,
    "purpose" "ChannelPurpose" NOT NULL,
    "weekday" INTEGER,
    "time" TEXT,
    "locale" TEXT,
    "failedAt" TIMESTAMP(3),
    "failure" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationRef" (
    "platform" "Platform" NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "serviceUrl" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "botId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationRef_pkey" PRIMARY KEY ("platform","workspaceId","conversationId")
);

-- CreateTable
CREATE TABLE "QuarterlyStatus" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "activities" TEXT NOT NULL,
    "companiesContacted" INTEGER NOT NULL DEFAULT 0,
    "placementsHelped" INTEGER NOT NULL DEFAULT 0,
    "iguAgreements" INTEGER NOT NULL DEFAULT 0,
    "eventsHeld" INTEGER NOT NULL DEFAULT 0,
    "plan" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuarterlyStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "id" TEXT NOT NULL,
    "channelLinkId" TEXT NOT NULL,
    "isoWeek" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3),
    "error" TEXT,
    "messageRef" JSONB,

    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "job" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("job","slot")
);

-- CreateTable
CREATE TABLE "SentNotice" (
    "key" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentNotice_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workplace_pNumber_key" ON "Workplace"("pNumber");

-- CreateIndex
CREATE UNIQUE INDEX "SupportRequest_idempotencyKey_key" ON "SupportRequest"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SupportRequest_partnershipId_status_dueAt_idx" ON "SupportRequest"("partnershipId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "SupportRequest_organisationId_status_idx" ON "SupportRequest"("organisationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelLink_platform_workspaceId_channelId_purpose_key" ON "ChannelLink"("platform", "workspaceId", "channelId", "purpose");

-- CreateIndex
CREATE INDEX "ConversationRef_platform_workspaceId_userId_idx" ON "ConversationRef"("platform", "workspaceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "QuarterlyStatus_organisationId_quarter_key" ON "QuarterlyStatus"("organisationId", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "DigestRun_channelLinkId_isoWeek_key" ON "DigestRun"("channelLinkId", "isoWeek");

-- CreateIndex
CREATE INDEX "Placement_workplaceId_idx" ON "Placement"("workplaceId");

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_workplaceId_fkey" FOREIGN KEY ("workplaceId") REFERENCES "Workplace"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workplace" ADD CONSTRAINT "Workplace_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatioExemption" ADD CONSTRAINT "RatioExemption_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "Placement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportRequest" ADD CONSTRAINT "SupportRequest_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportRequest" ADD CONSTRAINT "SupportRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportRequest" ADD CONSTRAINT "SupportRequest_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "Placement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelLink" ADD CONSTRAINT "ChannelLink_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelLink" ADD CONSTRAINT "ChannelLink_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarterlyStatus" ADD CONSTRAINT "QuarterlyStatus_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestRun" ADD CONSTRAINT "DigestRun_channelLinkId_fkey" FOREIGN KEY ("channelLinkId") REFERENCES "ChannelLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

