/** Progress lines and the FAIL list of a bench run. */
export const log = (line: string) => console.log(line);
export const fails: string[] = [];
export const fail = (msg: string) => {
  fails.push(msg);
  console.log(`FAIL ${msg}`);
};
