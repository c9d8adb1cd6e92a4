import java.nio.file.Files

// The same skim on Spark local[2] and locally: the same files, byte for byte, and nothing else in either directory.
def spark = new File(basedir, 'target/adversarial/skim-spark')
def local = new File(basedir, 'target/adversarial/skim-local')
assert (spark.list() as List).sort() == ['DY_taus.root', 'data.root']
assert (local.list() as List).sort() == ['DY_taus.root', 'data.root']
for (name in ['data.root', 'DY_taus.root']) {
    assert Files.mismatch(new File(spark, name).toPath(), new File(local, name).toPath()) == -1L :
            "${name} differs between Spark and the local executor"
}

def log = new File(basedir, 'build.log').text
assert log.contains('Skimming on Spark, master local[2]')
assert log =~ /data: [\d,]+ parts of up to [\d,]+ entries on Spark 4\.[\d.]+ \(local\[2\], 2 cores\)/
// Both runs report the same counts.
def counts = { String sample ->
    (log =~ /(?m)\[INFO\] ${sample}: ([\d,]+) entries read from 1 file, ([\d,]+) passed \(/).collect { it[1] + '/' + it[2] }
}
assert counts('data').size() == 2 && counts('data').unique().size() == 1
assert counts('DY_taus').size() == 2 && counts('DY_taus').unique().size() == 1
// The weights filled by a Spark aggregation are the local ones, byte for byte.
assert Files.mismatch(new File(basedir, 'target/adversarial/reweight-spark/adv_weights.root').toPath(),
        new File(basedir, 'target/adversarial/reweight-local/adv_weights.root').toPath()) == -1L
assert log.contains('Filling the spectra on Spark, master local[2]')
// The drop on Spark keeps the local entries: the same file, the same table.
assert Files.mismatch(new File(basedir, 'target/adversarial/drop-spark/DY_taus.root').toPath(),
        new File(basedir, 'target/adversarial/drop-local/DY_taus.root').toPath()) == -1L
assert log.contains('Dropping on Spark, master local[2]')
assert log =~ /DY_taus: the drop in [\d,]+ parts of up to [\d,]+ entries on Spark 4\.[\d.]+ \(local\[2\], 2 cores\)/
def drops = (log =~ /(?m)\[INFO\] DY_taus: ([\d,]+) entries examined, ([\d,]+) kept/).collect { it[1] + '/' + it[2] }
assert drops.size() == 2 && drops.unique().size() == 1
// The mix on Spark writes both local files.
for (name in ['adv_dataset_trainval.root', 'adv_dataset_evaluate.root']) {
    assert Files.mismatch(new File(basedir, "target/adversarial/mix-spark/${name}").toPath(),
            new File(basedir, "target/adversarial/mix-local/${name}").toPath()) == -1L :
            "${name} differs between Spark and the local executor"
}
assert log.contains('Mixing on Spark, master local[2]')
assert log =~ /mix: [\d,]+ segments of up to [\d,]+ batches on Spark 4\.[\d.]+ \(local\[2\], 2 cores\)/
// The classification dataset (scaling computed by range, added in the local order) and the adversarial dataset
// encoded on Spark: the same shards, scaling.json and spec.json.
for (kind in ['classification', 'adversarial']) {
    def dl = new File(basedir, "target/adversarial/dataset-local/${kind}")
    def ds = new File(basedir, "target/adversarial/dataset-spark/${kind}")
    def names = (dl.list() as List).sort()
    assert names.containsAll(['spec.json', 'scaling.json', 'train-00000-of-00002.tfrecord', 'validation-00000-of-00002.tfrecord'])
    assert (ds.list() as List).sort() == names
    for (name in names) {
        assert Files.mismatch(new File(dl, name).toPath(), new File(ds, name).toPath()) == -1L :
                "${kind} dataset file ${name} differs between Spark and the local executor"
    }
}
assert log.contains('Writing the datasets on Spark, master local[2]')
assert log =~ /classification dataset: [\d,]+ ranges of up to [\d,]+ candidates on Spark 4\.[\d.]+ \(local\[2\], 2 cores\)/
assert log =~ /adversarial dataset: [\d,]+ ranges of up to [\d,]+ candidates on Spark 4\.[\d.]+ \(local\[2\], 2 cores\)/
return true
