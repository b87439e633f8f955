"""Where the test data lives (importable from any test module)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "data" / "corpus"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
RIS_CORPUS = sorted(p for p in CORPUS.glob("*.ris") if p.name != "_baseline_pubmed.ris")
