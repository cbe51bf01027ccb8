// Types of scripts/build.mjs, for the TypeScript that imports it (tests, benches).
export declare const ROOT: string;
export declare function fingerprint(root?: string): string;
export declare function ensureBuilt(options?: {
  root?: string;
  force?: boolean;
  check?: boolean;
  /** Also build the web apps (web/ → dist/web) when missing or stale. */
  web?: boolean;
  log?: (line: string) => void;
}): Promise<boolean>;
export declare function contentDigest(root?: string): Promise<string>;
