/** One piece of a diff: text both sides share, or text only one side has. */
export interface Change {
  kind: "same" | "removed" | "added";
  text: string;
}

/** Words and the space after them, so joining the pieces gives the text back. */
const tokens = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

/**
 * A word diff of `before` and `after` (longest common subsequence), with
 * neighbouring pieces of one kind merged.
 * @example diffWords("a b", "a c") // [{kind:"same",text:"a "},{kind:"removed",text:"b"},{kind:"added",text:"c"}]
 */
export function diffWords(before: string, after: string): Change[] {
  const a = tokens(before);
  const b = tokens(after);
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] =
        a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const changes: Change[] = [];
  const push = (kind: Change["kind"], text: string) => {
    const last = changes.at(-1);
    if (last?.kind === kind) last.text += text;
    else changes.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push("same", a[i++]);
      j++;
    } else if (j < b.length && (i === a.length || lengths[i][j + 1] > lengths[i + 1][j]))
      push("added", b[j++]);
    else push("removed", a[i++]);
  }
  return changes;
}
