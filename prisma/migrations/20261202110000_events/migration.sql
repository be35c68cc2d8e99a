-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "partnershipId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "sectors" TEXT[],
    "capacity" INTEGER NOT NULL,
    "hostOrganisationIds" TEXT[],
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "attendanceRecordedAt" TIMESTAMP(3),
    "channelMessages" JSONB NOT NULL DEFAULT '[]',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idempotencyKey" TEXT NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventSignup" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "companyName" TEXT NOT NULL,
    "cvr" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "sectors" TEXT[],
    "placesOffered" INTEGER NOT NULL,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "attended" BOOLEAN,
    "signedUpBy" TEXT NOT NULL,
    "signedUpAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "EventSignup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventPlacement" (
    "placementId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "linkedBy" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventPlacement_pkey" PRIMARY KEY ("placementId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Event_idempotencyKey_key" ON "Event"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Event_partnershipId_startsAt_idx" ON "Event"("partnershipId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "EventSignup_eventId_cvr_key" ON "EventSignup"("eventId", "cvr");

-- CreateIndex
CREATE INDEX "EventPlacement_eventId_idx" ON "EventPlacement"("eventId");

-- AddForeignKey
ALTER TABLE "EventSignup" ADD CONSTRAINT "EventSignup_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventPlacement" ADD CONSTRAINT "EventPlacement_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
