// Counts the entries of a tree that pass a selection written in JavaScript, with jsroot as the reader:
// an evaluation of a cut that shares no code with ours.
// Usage: node select-count.mjs FILE TREE branch1,branch2,... 'JS expression over v.<branch>'
import { openFile } from 'jsroot';
import { TSelector, treeProcess } from 'jsroot/tree';

const [fname, treeName, blist, expr] = process.argv.slice(2);
const file = await openFile(fname);
const tree = await file.readObject(treeName);
const names = blist.split(',');
const pass = new Function('v', `return (${expr});`);
const sel = new TSelector();
for (const n of names) sel.addBranch(n, n);
let entries = 0;
let passed = 0;
const t0 = performance.now();
sel.Process = function () {
  entries++;
  if (pass(this.tgtobj)) passed++;
};
await treeProcess(tree, sel);
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ entries, passed, seconds, entries_per_s: entries / seconds }));
