// With -q the text listing is the whole output: the file, the tree with its entries (thousands separators, as every
// count the plugin prints) and the branch table; nothing is written without a pom.
def log = new File(basedir, 'build.log').text
assert log.contains('uproot-Zmumu-zstd.root') : log
assert log.contains('TTree events: 2,304 entries') : log
assert log =~ /(?m)^\s+branch\s+type\s+leaf\s+compression\s+baskets\s+compressed\s+uncompressed\s+ratio/ : log
assert log =~ /(?m)^\s+E1\s+float64\s+TLeafD/ : log
assert !log.contains('[INFO]') : 'with -q, nothing but the listing'
assert !new File(basedir, 'pom.xml').exists() && !new File(basedir, 'target').exists() : 'nothing written'
return true
