// Types of test/helpers/in-page.js: functions run inside the page by the browser tests.
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}
export declare function watchCsp(): void;
export declare function cspViolations(): string[];
export declare function scaleText(scale: number): void;
export declare function chooseDisplayMode(mode: string): void;
export declare function runAxe(): Promise<AxeViolation[]>;
export declare function smallText(minimum: number): string[];
export declare function smallTargets(minimum: number): string[];
export declare function scrollsSideways(): boolean;
export declare function paste(args: { selector: string; text: string }): void;
export declare function readableStorage(): string;
export declare function bodyFontSize(): string;
export declare function clippedInputs(): string[];
export declare function inkedPixels(selector: string): { width: number; height: number; inked: number };
export declare function animationsSettled(): boolean;
