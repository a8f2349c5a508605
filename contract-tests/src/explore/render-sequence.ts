import type { SequenceRecord } from "./sequence-record.js";

/**
 * Renders a sequence as numbered steps, each with the model's and the target's answers one
 * above the other, and under the failing step what broke.
 */
export function renderSequence(sequence: SequenceRecord, indent = "  "): string {
  const lines: string[] = [];
  for (const leftover of sequence.leftovers) lines.push(`${indent}before step 1: pool ${leftover}`);
  const width = String(sequence.steps.length).length;
  for (const step of sequence.steps) {
    const number = `${String(step.number).padStart(width)}.`;
    const pad = " ".repeat(number.length + 1);
    lines.push(`${indent}${number} ${step.description}`);
    for (const answer of step.model) lines.push(`${indent}${pad}model:  ${answer}`);
    for (const answer of step.target) lines.push(`${indent}${pad}target: ${answer}`);
    if (step.failure) {
      lines.push(`${indent}${pad}✗ ${step.failure.check}`);
      lines.push(`${indent}${pad}  model:  ${step.failure.expected}`);
      lines.push(`${indent}${pad}  target: ${step.failure.actual}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
