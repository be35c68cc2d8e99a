-- CreateTable
CREATE TABLE "SchemeText" (
    "partnershipId" TEXT NOT NULL,
    "scheme" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "sections" JSONB NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchemeText_pkey" PRIMARY KEY ("partnershipId","scheme","locale")
);

-- CreateTable
CREATE TABLE "SchemeLinks" (
    "partnershipId" TEXT NOT NULL,
    "municipalityUrl" TEXT,
    "entryPointName" TEXT,
    "entryPointUrl" TEXT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchemeLinks_pkey" PRIMARY KEY ("partnershipId")
);
