// Types of scripts/build.mjs, for the TypeScript that imports it (tests, benches).
export declare const ROOT: string;
export declare function fingerprint(root?: string): string;
export declare function ensureBuilt(options?: {
  root?: string;
  force?: boolean;
  check?: boolean;
  log?: (line: string) => void;
}): Promise<boolean>;
export declare function contentDigest(root?: string): Promise<string>;
