/**
 * A face-verification provider (人脸核身): the owner is sent to the provider's
 * H5 page, which matches a live face to the photo the public-security
 * database holds for a name and identity number; the service then reads the
 * outcome from the provider, server to server, never from the browser.
 */

export interface FaceCheckStart {
  /** The registry name and identity number the face must match (mainland resident identity card). */
  name: string;
  idNumber: string;
  /** Where the provider sends the owner back when done (the owner app). */
  redirectUrl: string;
  /** Our own reference, echoed by the provider (for correlation in its console). */
  reference: string;
}

export interface FaceCheckStarted {
  /** The provider's token for this check (Tencent: BizToken). */
  token: string;
  /** The page to open on the owner's phone. */
  url: string;
}

export type FaceCheckOutcome =
  /** The face matched the identity the provider names (compare with what was asked: never trust the browser). */
  | { status: 'passed'; name: string; idNumber: string; providerReference: string | null }
  | { status: 'failed'; reason: string }
  /** Not finished yet (the owner has not completed the page), or the provider cannot say yet. */
  | { status: 'pending' };

export interface FaceProvider {
  /** `tencent`, `development`: recorded on the binding. */
  readonly name: string;
  start(input: FaceCheckStart): Promise<FaceCheckStarted>;
  outcome(token: string): Promise<FaceCheckOutcome>;
}
