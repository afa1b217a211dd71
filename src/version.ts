/** Recto's version, recorded in every TEI header (appInfo) and printed by `--version`. */
export const VERSION = '0.1.0';
