"""Where the test data lives (importable from any test module)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "data" / "corpus"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
RIS_CORPUS = sorted(p for p in CORPUS.glob("*.ris") if p.name != "_baseline_pubmed.ris")
#: Real registry and table exports, each kind in its folder with a PROVENANCE.md (the shared corpus beside the repo;
#: read in place: several state no licence that would let us copy them).
EXPORTS = ROOT.parent / "shared" / "corpus" / "exports"
#: Labelled review searches (records and gold clusters, with their scorer), read in place.
DEDUPE_SETS = ROOT.parent / "shared" / "data" / "dedupe"
