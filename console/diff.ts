import { diffArrays } from "diff";

/** One piece of a diff: text both sides share, or text only one side has. */
export interface Change {
  kind: "same" | "removed" | "added";
  text: string;
}

/** Words and the space after them, so joining the pieces gives the text back. */
const words = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

/** Sentences (or lines) and the space after them, likewise. */
const sentences = (text: string) => text.match(/[^.!?\n]*[.!?\n]+\s*|[^.!?\n]+/g) ?? [];

/**
 * Myers' diff takes time in proportion to the text times the pieces changed:
 * past this many, the passage is shown removed whole and added whole, so no
 * comparison costs more than a moment.
 */
const MAX_EDITS = 2000;

/** The pieces `cut` finds changed between two texts; none past {@link MAX_EDITS}. */
function diffBy(cut: (text: string) => string[], before: string, after: string): Change[] | undefined {
  return diffArrays(cut(before), cut(after), { maxEditLength: MAX_EDITS })?.map((piece) => ({
    kind: piece.removed ? "removed" : piece.added ? "added" : "same",
    text: piece.value.join(""),
  }));
}

/**
 * A word diff of `before` and `after`: jsdiff's Myers diff finds the changed
 * sentences, then the changed words within them, what went before what came.
 * Sentences first keep a long text with many scattered edits cheap to compare.
 * @example diffWords("a b", "a c") // [{kind:"same",text:"a "},{kind:"removed",text:"b"},{kind:"added",text:"c"}]
 */
export function diffWords(before: string, after: string): Change[] {
  const bySentence = diffBy(sentences, before, after);
  if (!bySentence) {
    const rewritten: Change[] = [
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ];
    return rewritten.filter((change) => change.text);
  }
  return bySentence.flatMap((change, i) => {
    const next = bySentence[i + 1];
    if (change.kind === "removed" && next?.kind === "added")
      return diffBy(words, change.text, next.text) ?? [change, next];
    return change.kind === "added" && bySentence[i - 1]?.kind === "removed" ? [] : [change];
  });
}
