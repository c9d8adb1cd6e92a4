package io.github.tauml.pipeline.toy;

import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The branches of a toy TauTuple (tree {@code taus}, one row per τh candidate), named and typed as in
 * TauMLTools' {@code Analysis/interface/TauTuple.h} for the columns the adversarial workflow uses.
 */
public final class TauTupleSchema {
    /** One branch: name, type and shape (SCALAR or VECTOR). */
    public record Field(String name, LeafType type, Shape shape) {
    }

    public static final String TREE = "taus";

    /**
     * The toy's truth branch, written for every candidate of every sample (data included): what the candidate really
     * is, as a TauType code — 0 e, 1 μ, 2 τh, 3 jet, −1 pile-up jet (no generator object). Unlike {@code tauType}
     * it does not depend on generator matching, so it also labels data.
     */
    public static final String TOY_TRUTH = "toy_truth_tauType";

    /** τ-level high-level features written as floats (the ones a DeepTau-like tau block uses). */
    public static final List<String> TAU_FEATURES = List.of(
            "tau_chargedIsoPtSum", "tau_neutralIsoPtSum", "tau_neutralIsoPtSumWeight", "tau_footprintCorrection",
            "tau_photonPtSumOutsideSignalCone", "tau_puCorrPtSum", "tau_dxy", "tau_dxy_error", "tau_dxy_sig",
            "tau_ip3d", "tau_ip3d_error", "tau_ip3d_sig", "tau_dz", "tau_flightLength_sig", "tau_emFraction",
            "tau_pt_weighted_deta_strip", "tau_pt_weighted_dphi_strip", "tau_pt_weighted_dr_signal",
            "tau_pt_weighted_dr_iso", "tau_leadingTrackNormChi2", "tau_e_ratio", "tau_gj_angle_diff",
            "tau_leadChargedCand_etaAtEcalEntrance");

    private static final List<Field> FIELDS = build();

    private TauTupleSchema() {
    }

    public static List<Field> fields() {
        return FIELDS;
    }

    private static List<Field> build() {
        List<Field> f = new ArrayList<>();
        scalar(f, LeafType.UINT32, "run", "lumi");
        scalar(f, LeafType.UINT64, "evt");
        scalar(f, LeafType.INT32, "sampleType");
        scalar(f, LeafType.UINT64, "dataset_id");
        scalar(f, LeafType.INT32, "tauType", "npv");
        scalar(f, LeafType.FLOAT32, "rho", "npu");
        scalar(f, LeafType.INT32, "tau_index");
        scalar(f, LeafType.FLOAT32, "tau_pt", "tau_eta", "tau_phi", "tau_mass");
        scalar(f, LeafType.INT32, "tau_charge", "tau_decayMode", "tau_decayModeFindingNewDMs");
        scalar(f, LeafType.FLOAT32, "tau_byDeepTau2017v2p1VSjetraw", "tau_byDeepTau2017v2p1VSeraw",
                "tau_byDeepTau2017v2p1VSmuraw");
        for (String name : TAU_FEATURES) {
            scalar(f, LeafType.FLOAT32, name);
        }
        scalar(f, LeafType.INT32, "tau_hasSecondaryVertex", "tau_n_charged_prongs", "tau_n_neutral_prongs",
                "tau_n_photons", "tau_inside_ecal_crack");
        scalar(f, LeafType.INT32, "genLepton_index", "genLepton_kind");
        scalar(f, LeafType.FLOAT32, "genLepton_vis_pt", "genLepton_vis_eta", "genLepton_vis_phi",
                "genLepton_vis_mass");
        scalar(f, LeafType.INT32, "genJet_index");
        scalar(f, LeafType.FLOAT32, "genJet_pt", "genJet_eta", "genJet_phi", "genJet_mass");
        // The toy's own truth (not a TauTuple branch): what the candidate really is, data included.
        scalar(f, LeafType.INT32, TOY_TRUTH);
        scalar(f, LeafType.INT32, "has_extramuon", "has_extraelectron", "has_dimuon", "has_dielectron");
        scalar(f, LeafType.FLOAT32, "tagObj_pt", "tagObj_eta", "tagObj_phi", "tagObj_mass");
        scalar(f, LeafType.INT32, "tagObj_charge", "tagObj_id");
        scalar(f, LeafType.FLOAT32, "tagObj_iso");
        vector(f, LeafType.FLOAT32, "pfCand_pt", "pfCand_eta", "pfCand_phi", "pfCand_mass");
        vector(f, LeafType.INT32, "pfCand_particleType", "pfCand_charge", "pfCand_fromPV", "pfCand_lostInnerHits");
        vector(f, LeafType.FLOAT32, "pfCand_puppiWeight", "pfCand_dxy", "pfCand_dxy_error", "pfCand_hcalFraction");
        vector(f, LeafType.FLOAT32, "ele_pt", "ele_eta", "ele_phi", "ele_mass", "ele_dxy", "ele_dxy_error",
                "ele_e_over_p");
        vector(f, LeafType.INT32, "ele_charge");
        vector(f, LeafType.FLOAT32, "muon_pt", "muon_eta", "muon_phi", "muon_mass", "muon_dxy", "muon_dxy_error",
                "muon_normalizedChi2");
        vector(f, LeafType.INT32, "muon_charge", "muon_n_matches");
        return List.copyOf(f);
    }

    private static void scalar(List<Field> out, LeafType t, String... names) {
        for (String n : names) {
            out.add(new Field(n, t, Shape.SCALAR));
        }
    }

    private static void vector(List<Field> out, LeafType t, String... names) {
        for (String n : names) {
            out.add(new Field(n, t, Shape.VECTOR));
        }
    }
}
