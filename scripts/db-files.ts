/** Small file helpers shared by scripts/backup.ts and scripts/restore.ts. */
import fs from "node:fs";

/** A time for file names: 2026-05-31T09-30-00-123Z (UTC, no colons). */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, "-");
}

/** Flushes a file (or a directory entry) to the disk. */
export function fsyncPath(file: string) {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
