# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Words that count as English in code even when a frequency list disagrees.

Three groups: technical vocabulary and abbreviations of programming and
machine learning (many are rare in general English and some are ordinary
words elsewhere: ``util`` is Romanian for "useful", ``cu`` its "with"); Latin
and loan words that English prose uses; and proper names of the team's
country (people and places), which are ignored wherever they are capitalised.
"""

import builtins
import keyword
import sys
from functools import lru_cache
from importlib import resources
from typing import FrozenSet, Tuple


def _words(text: str) -> FrozenSet[str]:
    return frozenset(text.split())


TECHNICAL_WORDS: FrozenSet[str] = _words(
    """
    abc abi acc accum acc act acts adam adamw addr adj admin agg algo alloc amp api app apps arange argmax argmin
    arg args argv arr asc ascii asgi async attn attr attrs auth aux avg ax axs backend backprop bbox bf bfloat bin
    bio bn bool bos char chars environ punct verts extrema extremum extern adjoint derivate explicate
    sin cos tan sec csc cot sinh cosh asin acos atan exp log sqrt abs det erf gcd lcm mangler
    bpe buf bufs bytecode cfg cfgs ckpt ckpts cli clf cls cmd cmp cnt cnn codec col cols config
    configs conn const conv coord coords cpu cpus crlf csv ctx ctypes cuda cudnn cur curr dag dataclass dataframe
    dataloader dataset datasets db dbg ddp dec decl decr dedup dedupe def defs delim deque desc dest dev df
    dict dicts diff dim dims dir dirs dist dl dns doc docs docstring docstrings dst dtype dtypes dup dups elem
    elems emb embd embs enc enum env envs eof eol eos eps err errno errs eval evals exc exe exec expr exprs ext
    fd fft fig figs fmt fn fns fp fpath fps freq func funcs fwd gc gelu gen getter gpu gpus grad grads gt gz hdr
    hf hidx hparams href html http https id ids idx img imgs impl incr init inits int ints io iter iters json
    jsonl kb kbd kernel kv kwarg kwargs lang len lhs lib libs lint linter llm lm ln lo loc logit logits lookup
    lr lru lstm lt mem meta metadata mha min mlp mod msg msgs mse mul multi mut mx nan nb ndarray nll nn norm
    num numel nums obj objs ok op ops opt optim os param params perf pid pkg pkgs plt pos pre prev proc procs
    prod proj ptr px py qkv qps qty rand rc re readme recv ref refs regex relu repo repos req reqs res resp ret
    rhs rms rng rope rpc rst rt sched sdpa sep seq seqs sgd sha sigmoid softmax sql src srcs ssh ssl stderr
    stdin stdlib stdout str struct subdir subprocess sudo sum sym sys tanh tb tcp temp tensor tensors tf tgt
    tmp tok toks tokenize tokenizer tokenizers topk tp tpu tqdm tr ts tsv tup txt ui uid uint url urls usr
    utc utf util utils uuid val vals var vars vec vecs vm vocab wandb warmup wd wsgi xml yaml yml zsh
    noqa pragma mypy pylint pyright ruff isort flake nosec prefguard pytest numpy scipy pandas torch sklearn
    matplotlib hugging huggingface bf16 fp16 fp32 int8 autocast dropout layernorm rmsnorm groupnorm batchnorm
    pretrain pretrained finetune finetuning posix regexp backoff timestamp timestamps subcommand subcommands
    todo fixme changelog config walkthrough stacktrace traceback unwrap unpickle pickle serializer deserialize
    getattr setattr hasattr isinstance issubclass iterable iterator mutable immutable idempotent async await
    webhook webhooks frontend backend middleware runtime namespace namespaces kwarg lambda lambdas monkeypatch
    """
)

LOAN_WORDS: FrozenSet[str] = _words(
    """
    hoc versa priori posteriori facto jure bona fide quo viz etc naive naïve cafe café resume résumé facade
    façade cliche cliché fiance fiancé zeitgeist kindergarten angst doppelganger wanderlust uber über ersatz
    gestalt kitsch leitmotif fiesta siesta bravo pasta pizza latte tempo piano finale gusto verbatim ibid
    quanta corpus datum lemma genre regime debut ensemble entree bourgeois rendezvous circa
    jalapeño jalapeños piñata señor señora señorita mañana niño cañon doña crème brûlée soirée protégé décor
    élite rôle déjà fiancée communiqué exposé attaché décolleté tête façades cafés résumés clichés naïvely
    naïveté cortège mêlée papier mâché pâté flambé sauté purée touché risqué blasé outré passé née
    """
)

LOAN_PHRASES: Tuple[str, ...] = (
    "ad hoc", "per se", "vice versa", "a priori", "a posteriori", "de facto", "de jure", "et al", "bona fide",
    "status quo", "à la", "a la", "déjà vu", "deja vu", "raison d'être", "raison d'etre", "in situ", "in vitro",
    "in vivo", "ipso facto", "quid pro quo", "mea culpa", "nota bene", "modus operandi", "lingua franca",
    "alma mater", "vis-à-vis", "vis-a-vis", "en route", "en masse", "per cent", "per annum", "pro rata",
    "sine qua non", "inter alia", "ad infinitum", "ad nauseam", "de novo", "e.g.", "i.e.", "cf.", "viz.",
    "et cetera", "per capita", "pro forma", "post mortem", "post hoc", "non sequitur", "tour de force",
    "coup de grâce", "carte blanche", "joie de vivre", "faux pas", "fait accompli", "à propos", "sui generis",
)

PROPER_NAMES: FrozenSet[str] = _words(
    """
    andrei alexandru mihai ion ioan ioana maria elena ana vasile lucian gheorghe nicolae constantin dan radu
    cristian florin adrian bogdan stefan ștefan mihaela cristina andreea alexandra gabriela raluca irina oana
    diana roxana iulia ionut ionuț razvan răzvan catalin cătălin sorin marius ovidiu daniel george paul victor
    horia tudor octavian iulian dragos dragoș teodora ramona simona corina anca alina laura monica carmen
    larisa bianca camelia daniela georgiana lavinia loredana madalina mădălina nicoleta petra sabina silvia
    valentina vlad emil eugen liviu mircea petru traian viorel aurel costel doru gelu matei luca rares rareș
    sebastian denis robert claudiu cosmin ciprian lucia ilinca sanda viorica florentina
    popescu ionescu popa pop dumitru stan stoica rusu munteanu serban șerban moldovan muresan mureșan
    borbeleac dobre barbu nistor florea ene dinu lazar lazăr ilie cristea oprea ungureanu toma sandu marin
    mocanu neagu enache sima preda eminescu enescu brancusi brâncuși iliescu georgescu stanciu diaconu zamfir
    lungu nita niță anghel suciu cozma cojocaru ciobanu rotaru paraschiv bucur manea avram nedelcu pavel
    tanase tănase voicu coman stanescu stănescu bratu petrescu dumitrescu constantinescu marinescu niculescu
    voinea iordache pascu chirila chirilă mihalache grigore rosu roșu olteanu gavrila gavrilă
    cluj napoca bucuresti bucurești bucharest timisoara timișoara iasi iași brasov brașov constanta constanța
    craiova galati galați ploiesti ploiești oradea sibiu arad pitesti pitești bacau bacău targu târgu mures
    mureș baia mare suceava botosani botoșani satu mare buzau buzău alba deva hunedoara zalau zalău bistrita
    bistrița transilvania transylvania moldova muntenia banat dobrogea oltenia maramures maramureș bucovina
    carpati carpați dunarea dunărea romania românia fragmergent chisinau chișinău
    """
)


def _python_words() -> FrozenSet[str]:
    names = set(keyword.kwlist) | set(getattr(sys, "stdlib_module_names", ()))
    names |= {name.lower() for name in dir(builtins) if name.isalpha()}
    return frozenset(name.lower() for name in names) - NOT_ALWAYS_ENGLISH


NOT_ALWAYS_ENGLISH: FrozenSet[str] = frozenset({"del", "con", "per", "nis", "nt", "uu", "imp"})


PYTHON_WORDS: FrozenSet[str] = _python_words()

ENGLISH_IN_CODE: FrozenSet[str] = TECHNICAL_WORDS | LOAN_WORDS | PYTHON_WORDS

CODE_VOCABULARY_RESOURCE = "code_words.txt"


@lru_cache(maxsize=1)
def code_vocabulary() -> FrozenSet[str]:
    """Identifier words real Python code uses that word lists call foreign (``proba``, ``stati``).

    Derived from code, not written by hand: ``benchmarks/build_code_vocabulary.py``
    keeps the words of code-shaped names that several packages use and that
    ENG002 would otherwise report.
    """
    text = resources.files("checks.english").joinpath("data").joinpath(CODE_VOCABULARY_RESOURCE).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
