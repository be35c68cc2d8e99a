// `npm run db:template` (also run by npm install): saves a fresh embedded PGlite cluster as the
// template later fresh clusters are loaded from (src/db/pglite-open.ts), so the first `npm start`
// on a new data folder does not wait for initdb. Never fails the install: without the template,
// a fresh cluster only takes longer to open.
import { existsSync } from "node:fs";
import { openPglite, templatePath } from "../db/pglite-open.js";

const file = templatePath();
try {
  if (existsSync(file)) {
    console.log(`PGlite template already in ${file}`);
  } else {
    const { pglite } = await openPglite(undefined);
    await pglite.close();
    console.log(existsSync(file) ? `PGlite template saved in ${file}` : "PGlite template could not be saved; fresh databases run initdb");
  }
} catch (error) {
  console.warn(`PGlite template not made (${error instanceof Error ? error.message : String(error)}); fresh databases run initdb`);
}
