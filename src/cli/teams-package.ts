// `npm run teams:package`: builds the Teams app package to upload in Teams (Apps → Manage your
// apps → Upload an app) or the Developer Portal: manifests/teams/manifest.json with the bot's
// CLIENT_ID (and BOT_DOMAIN when set) filled in, plus the two icons, zipped at the root.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import JSZip from "jszip";
import { z } from "zod";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_MANIFEST_DIR = join(ROOT, "manifests/teams");
export const DEFAULT_OUT_FILE = join(ROOT, "dist/praktikbot-teams.zip");

/** Icons the manifest names, with the sizes Teams requires. */
const ICONS = { color: { file: "color.png", size: 192 }, outline: { file: "outline.png", size: 32 } } as const;

export class TeamsPackageError extends Error {
  constructor(
    /** The environment variable or file at fault. */
    readonly subject: string,
    detail: string,
  ) {
    super(`${subject} ${detail}`);
    this.name = "TeamsPackageError";
  }
}

const ZPackageEnv = z.object({
  CLIENT_ID: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  BOT_DOMAIN: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/^https?:\/\//i, "").replace(/\/+$/, "") : undefined)),
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/i;

/** The values the manifest's ${{NAME}} placeholders take. */
export function placeholderValues(env: NodeJS.ProcessEnv): Record<string, string> {
  const parsed = ZPackageEnv.parse({ CLIENT_ID: env.CLIENT_ID, BOT_DOMAIN: env.BOT_DOMAIN });
  if (!parsed.CLIENT_ID) {
    throw new TeamsPackageError("CLIENT_ID", "is required: the bot's Microsoft Entra application (client) id, a GUID");
  }
  if (!GUID.test(parsed.CLIENT_ID)) {
    throw new TeamsPackageError("CLIENT_ID", `must be a GUID such as 00000000-0000-0000-0000-000000000000, not "${parsed.CLIENT_ID}"`);
  }
  if (parsed.BOT_DOMAIN !== undefined && !DOMAIN.test(parsed.BOT_DOMAIN)) {
    throw new TeamsPackageError("BOT_DOMAIN", `must be a host name such as praktikbot.example.dk, not "${parsed.BOT_DOMAIN}"`);
  }
  return { CLIENT_ID: parsed.CLIENT_ID.toLowerCase(), BOT_DOMAIN: parsed.BOT_DOMAIN ?? "" };
}

/**
 * Fills ${{NAME}} placeholders in every string of the manifest. Empty entries left in lists
 * (validDomains without BOT_DOMAIN) are dropped; an unknown placeholder is an error.
 */
export function fillManifest(template: unknown, values: Record<string, string>): unknown {
  const fill = (node: unknown): unknown => {
    if (typeof node === "string") {
      return node.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (_match, name: string) => {
        const value = values[name];
        if (value === undefined) throw new TeamsPackageError("manifest.json", `uses \${{${name}}}, which the packager does not fill`);
        return value;
      });
    }
    if (Array.isArray(node)) return node.map(fill).filter((item) => item !== "");
    if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    return node;
  };
  return fill(template);
}

/** Width and height from a PNG's IHDR chunk; undefined when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export type TeamsPackageResult = { file: string; manifest: Record<string, unknown>; bytes: number };

export async function packageTeamsApp(opts: { env?: NodeJS.ProcessEnv; manifestDir?: string; outFile?: string } = {}): Promise<TeamsPackageResult> {
  const manifestDir = opts.manifestDir ?? DEFAULT_MANIFEST_DIR;
  const outFile = opts.outFile ?? DEFAULT_OUT_FILE;
  const values = placeholderValues(opts.env ?? process.env);

  const manifestPath = join(manifestDir, "manifest.json");
  let template: unknown;
  try {
    template = JSON.parse(await readFile(manifestPath, "utf8"));
  } catch (error) {
    throw new TeamsPackageError(manifestPath, `could not be read as JSON: ${(error as Error).message}`);
  }
  const manifest = fillManifest(template, values) as Record<string, unknown>;

  const zip = new JSZip();
  // A fixed date keeps the package byte-for-byte the same for the same inputs.
  const date = new Date("2024-01-01T00:00:00Z");
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const [name, icon] of Object.entries(ICONS)) {
    const path = join(manifestDir, icon.file);
    const bytes = await readFile(path).catch(() => {
      throw new TeamsPackageError(path, "is missing");
    });
    const size = pngSize(bytes);
    if (!size || size.width !== icon.size || size.height !== icon.size) {
      throw new TeamsPackageError(path, `must be a ${icon.size}x${icon.size} PNG (the ${name} icon)`);
    }
    zip.file(icon.file, bytes, { date });
  }
  const content = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, content);
  return { file: outFile, manifest, bytes: content.byteLength };
}

async function main(): Promise<void> {
  const result = await packageTeamsApp();
  const domains = (result.manifest.validDomains as string[] | undefined) ?? [];
  console.log(
    `Teams app package written to ${result.file} (${result.bytes} bytes, bot ${String(result.manifest.id)}${domains.length ? `, domain ${domains.join(", ")}` : ""})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    if (error instanceof TeamsPackageError) console.error(`teams:package: ${error.message}`);
    else console.error("teams:package failed:", error);
    process.exit(1);
  });
}
