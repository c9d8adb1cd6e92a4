package io.github.tauml.pipeline.features;

import java.util.List;

/**
 * The features of one cell object type ({@code CellObjectType} in TauMLTools): {@code PfCand_electron},
 * {@code PfCand_muon}, {@code PfCand_chHad}, {@code PfCand_nHad}, {@code PfCand_gamma}, {@code Electron},
 * {@code Muon}. Per cell, only the highest-pT object of the block is written.
 *
 * @param name         the TauMLTools block name
 * @param collection   the branch prefix of the collection: {@code pfCand}, {@code ele} or {@code muon}
 * @param particleType for {@code pfCand}: the {@code pfCand_particleType} kept (1 chHad, 2 e, 3 μ, 4 γ, 5 nHad);
 *                     -1 for the PAT collections
 * @param features     the block's features in channel order
 */
public record ObjectBlock(String name, String collection, int particleType, List<Feature> features)
        implements java.io.Serializable {
    public ObjectBlock {
        features = List.copyOf(features);
    }

    public String pt() {
        return collection + "_pt";
    }

    public String eta() {
        return collection + "_eta";
    }

    public String phi() {
        return collection + "_phi";
    }
}
