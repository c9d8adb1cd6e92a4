// Reads one histogram with jsroot and prints its bins as JSON: node jsroot-hist.mjs FILE PATH (e.g. dir/name)
import { openFile } from 'jsroot';

const [fname, path] = process.argv.slice(2);
const file = await openFile(fname);
const h = await file.readObject(path);
const axis = h.fXaxis;
console.log(JSON.stringify({
  className: h._typename, name: h.fName, title: h.fTitle, entries: h.fEntries,
  nbins: axis.fNbins, xmin: axis.fXmin, xmax: axis.fXmax, xbins: Array.from(axis.fXbins ?? []),
  contents: Array.from(h.fArray), sumw2: Array.from(h.fSumw2 ?? []),
  tsumw: h.fTsumw, tsumw2: h.fTsumw2, tsumwx: h.fTsumwx, tsumwx2: h.fTsumwx2,
  functions: h.fFunctions?.arr?.length ?? null
}));
