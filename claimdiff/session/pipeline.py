"""The one-way flow, assembled: files -> articles -> claims -> labels -> comparison / corpus.

Everything that consumes analysis (command line, desktop app, reports, benchmarks) goes
through these few functions, so they all see the same claims for the same file.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from claimdiff.base.errors import InputError
from claimdiff.base.model import Article, Claim, Comparison, MatchSettings
from claimdiff.claims.claims import extract_claims
from claimdiff.ingest.load import expand_paths, load_article
from claimdiff.labels.codebook import Codebook, load_codebook
from claimdiff.labels.label import label_claims
from claimdiff.language import nlp
from claimdiff.match.compare import compare, compare_judge
from claimdiff.match.judge import PairModel
from claimdiff.session import parallel
from claimdiff.session.selfpair import right_copy_id
from claimdiff.similarity.semantic import default_backend
from claimdiff.similarity.similarity import SimilarityBackend

CorpusItem = tuple[Article, tuple[Claim, ...]]


def analyse(
    article: Article, codebook: Codebook, backend: SimilarityBackend | None = None
) -> tuple[Claim, ...]:
    """Claims of one article with their codebook labels."""
    return label_claims(extract_claims(article), codebook, backend)


class Analyser:
    """Analyses articles with one codebook and backend, remembering results by article.

    Re-opening a file, swapping sides or drawing the corpus timeline that contains the open
    pair would otherwise segment and label the same text again. The key is the article's id
    and content, so an edited file (new checksum or spans) is analysed afresh. One analyser
    may serve several threads (the app's pair and corpus workers): the cache is locked, the
    analysis itself is not, so two threads meeting one new article both analyse it once.
    """

    def __init__(
        self,
        codebook: Codebook,
        backend: SimilarityBackend | None = None,
        cache_size: int = 512,
        pair_model: PairModel | None = None,
        *,
        two_processes: bool = False,
    ) -> None:
        self.codebook = codebook
        # Analyse two long new sides of a comparison at once, one in a forked child. Off by
        # default: no wall-time gain could be shown on the shared machine, and the child's
        # own memory (42-72 MB) puts a comparison past its 250 MB (docs/compare.md, Speed).
        self.two_processes = two_processes
        self.backend = backend or default_backend()
        # A three-way pair model to consult on the judge's candidates; None: rules only
        # (the default: see compare.compare_judge for why).
        self.pair_model = pair_model
        self.cache_size = cache_size
        self._cache: OrderedDict[tuple[object, ...], tuple[Claim, ...]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def cached(self) -> int:
        """How many analysed articles are remembered."""
        return len(self._cache)

    def claims(self, article: Article) -> tuple[Claim, ...]:
        found = self._remembered(article)
        if found is None:
            found = self._analyse(article)
            self._remember(article, found)
        return found

    def claims_of_both(
        self, left: Article, right: Article
    ) -> tuple[tuple[Claim, ...], tuple[Claim, ...]]:
        """The claims of both sides; with ``two_processes``, two long new articles are analysed
        at once on two cores (:mod:`claimdiff.session.parallel`: when that is safe and pays)."""
        if (
            not self.two_processes
            or self._remembered(left) is not None
            or self._remembered(right) is not None
        ):
            return self.claims(left), self.claims(right)
        words = (nlp.word_count(left.text), nlp.word_count(right.text))
        if not parallel.worth_forking(*words):
            return self.claims(left), self.claims(right)
        # Loaded before the fork, so the child shares them instead of loading its own.
        nlp.pipeline()
        self.backend.matrix(["loaded"], ["loaded"])
        left_claims, right_claims = parallel.analyse_both(left, right, self._analyse)
        self._remember(left, left_claims)
        self._remember(right, right_claims)
        return left_claims, right_claims

    @staticmethod
    def _key(article: Article) -> tuple[object, ...]:
        return (article.id, article.checksum, hash(article.text), article.spans)

    def _remembered(self, article: Article) -> tuple[Claim, ...] | None:
        key = self._key(article)
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
            return found

    def _analyse(self, article: Article) -> tuple[Claim, ...]:
        found = analyse(article, self.codebook, self.backend)
        # The claims are remembered by the caller, so the Doc is not needed again.
        nlp.forget(article.text)
        return found

    def _remember(self, article: Article, found: tuple[Claim, ...]) -> None:
        with self._lock:
            self._cache[self._key(article)] = found
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def compare(
        self, left: Article, right: Article, settings: MatchSettings | None = None
    ) -> Comparison:
        if right.id == left.id:
            # Claim ids derive from article ids and must be unique within a comparison.
            right = dataclasses.replace(right, id=right_copy_id(right.id))
        judge = compare_judge(self.backend, settings or MatchSettings(), self.pair_model)
        left_claims, right_claims = self.claims_of_both(left, right)
        return compare(
            left,
            right,
            left_claims,
            right_claims,
            self.codebook,
            backend=self.backend,
            settings=settings,
            judge=judge,
        )


def compare_articles(
    left: Article,
    right: Article,
    codebook: Codebook,
    backend: SimilarityBackend | None = None,
    settings: MatchSettings | None = None,
    *,
    pair_model: PairModel | None = None,
) -> Comparison:
    """Compare two loaded articles; an article compared with itself gets a distinct id."""
    return Analyser(codebook, backend, pair_model=pair_model).compare(left, right, settings)


def compare_files(
    left: str | Path,
    right: str | Path,
    codebook_path: str | Path | None = None,
    backend: SimilarityBackend | None = None,
) -> Comparison:
    """Load, analyse and compare two files or URLs with a codebook (default: the shipped one)."""
    codebook = load_codebook(codebook_path)
    return compare_articles(load_article(str(left)), load_article(str(right)), codebook, backend)


def iter_corpus(
    paths: Sequence[str | Path],
    codebook: Codebook,
    backend: SimilarityBackend | None = None,
    on_error: Callable[[InputError], None] | None = None,
    analyser: Analyser | None = None,
) -> Iterator[CorpusItem]:
    """Analyse articles one at a time so callers can show progress and stop between files.

    A broken file in a folder of hundreds should not cost the user the whole timeline: with
    ``on_error`` it is reported and skipped; without, the error propagates.
    """
    analyser = analyser or Analyser(codebook, backend)
    for path in expand_paths([str(p) for p in paths]):
        try:
            article = load_article(path)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
            continue
        yield article, analyser.claims(article)


def load_corpus(
    paths: Sequence[str | Path],
    codebook: Codebook,
    backend: SimilarityBackend | None = None,
    on_error: Callable[[InputError], None] | None = None,
    analyser: Analyser | None = None,
) -> list[CorpusItem]:
    return list(iter_corpus(paths, codebook, backend, on_error, analyser))


def corpus_paths_for(location: str | Path) -> list[str]:
    """The corpus an opened article belongs to: the folder it was loaded from.

    URLs belong to no folder, so their corpus is empty.
    """
    text = str(location)
    if "://" in text:
        return []
    folder = Path(text).resolve().parent
    return [str(folder)] if folder.is_dir() else []
