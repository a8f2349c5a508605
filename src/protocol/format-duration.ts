/**
 * Formats seconds as a ProtoJSON google.protobuf.Duration: `3600s`, or with 3, 6 or 9
 * fractional digits (`300.500s`), as protojson writes them.
 */
export function formatDuration(seconds: number): string {
  const nanos = Math.round(seconds * 1e9);
  const whole = Math.trunc(nanos / 1e9);
  const fraction = Math.abs(nanos % 1e9);
  const sign = nanos < 0 && whole === 0 ? "-" : "";
  if (fraction === 0) return `${sign}${whole}s`;
  const digits = String(fraction).padStart(9, "0");
  const kept = digits.endsWith("000000")
    ? digits.slice(0, 3)
    : digits.endsWith("000")
      ? digits.slice(0, 6)
      : digits;
  return `${sign}${whole}.${kept}s`;
}
