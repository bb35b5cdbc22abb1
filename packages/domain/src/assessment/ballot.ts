/**
 * Ballot rules (述职评议 and every other vote on the one engine): scales, quorum, the trimmed
 * mean of a points scale, satisfaction rate, weighting with the upper level's score, follow-up
 * flags, withholding of small groups, and exemption of cadres new in post. Pure: the server
 * stores ballots and calls these to validate a ballot and to report a closed session.
 */
export * from './ballot-scales.ts';
export { MIN_QUORUM, type Quorum, quorumAtLeastFloor, quorumFloor, quorumMet } from './ballot-quorum.ts';
export * from './ballot-settings.ts';
export * from './ballot-exemption.ts';
export * from './ballot-validation.ts';
export * from './ballot-tally.ts';
export * from './ballot-report.ts';
