// Every entry's values of some branches, read by jsroot: node jsroot-entries.mjs FILE TREE branch,branch,...
// Prints {"entries": n, "branches": {"name": [v0, v1, ...]}}, an array per entry for array and vector branches.
import { openFile } from 'jsroot';
import { TSelector, treeProcess } from 'jsroot/tree';
const [fname, treeName, blist] = process.argv.slice(2);
const file = await openFile(fname);
const tree = await file.readObject(treeName);
const names = blist.split(',');
const sel = new TSelector();
names.forEach((n, i) => sel.addBranch(n, 'v' + i));
const values = names.map(() => []);
const num = x => typeof x === 'bigint' ? Number(x) : (typeof x === 'boolean' ? (x ? 1 : 0) : x);
sel.Process = function () {
  names.forEach((n, i) => {
    const v = this.tgtobj['v' + i];
    values[i].push(ArrayBuffer.isView(v) || Array.isArray(v) ? Array.from(v, num) : num(v));
  });
};
await treeProcess(tree, sel);
const out = { entries: tree.fEntries, branches: {} };
names.forEach((n, i) => { out.branches[n] = values[i]; });
console.log(JSON.stringify(out));
