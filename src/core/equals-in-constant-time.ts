/**
 * Whether two texts are equal, in a time that depends on the expected text's length only, not
 * on where the first difference is: response timing then says nothing about a secret.
 */
export function equalsInConstantTime(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) {
    // Past the end of `given`, charCodeAt is NaN, which `| 0` reads as 0: still a comparison.
    difference |= (given.charCodeAt(i) | 0) ^ expected.charCodeAt(i);
  }
  return difference === 0;
}
