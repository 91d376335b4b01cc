"""The ``kompetensi`` command line.

``kompetensi sample-data`` writes the synthetic dataset, ``kompetensi validate
DIR`` checks a dataset, ``kompetensi regions DIR`` lists its regions,
``kompetensi run`` renders every region's reports and audits them, and
``kompetensi audit OUTPUT_DIR`` scans an output folder for what must not be
shared. Errors are printed as plain messages (never a traceback; ``--debug``
shows one) and the exit code says what happened: 0 fine, 1 a problem with the
data, a failed report or a finding of the audit, 2 a wrong command line.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kompetensi_toolkit import __version__, config
from kompetensi_toolkit.exceptions import (
    DataValidationError,
    KompetensiError,
    ParameterError,
    format_problems,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: Where ``sample-data --hostile`` writes by default (never over the shipped sample).
HOSTILE_DIR = Path("data/hostile")
#: Where ``sample-data --national`` writes by default (gitignored).
NATIONAL_DIR = Path("data/national")
#: How the closing table names a report that covers every region (the comparison).
ALL_REGIONS = "(all)"


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number > 0, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a whole number > 0, got {text!r}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number > 0, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a number > 0, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kompetensi",
        description="ASN competency development research toolkit: data, checks and reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "sample-data", help="write the synthetic dataset of the seed regions (or --national)"
    )
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"folder to write (default {config.DEFAULT_DATA_DIR}; {HOSTILE_DIR} with --hostile; "
        f"{NATIONAL_DIR} with --national)",
    )
    p.add_argument(
        "--national",
        action="store_true",
        help="write the national dataset instead: 552 regional governments (about 4.1 million "
        "employees at scale 1), as Parquet partitioned by region, one region at a time",
    )
    p.add_argument(
        "--hostile",
        action="store_true",
        help="plant hostile values in one region (personal data in comments, markup in names, a "
        "2-person unit, 10 000-character strings), for testing what reports let through",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=config.DEFAULT_SEED,
        help=f"random seed; the same seed gives identical files (default {config.DEFAULT_SEED})",
    )
    p.add_argument(
        "--scale",
        type=_positive_float,
        default=1.0,
        help="multiply every headcount by this factor (default 1)",
    )
    p.set_defaults(func=_cmd_sample_data)

    p = sub.add_parser("validate", help="check a dataset against the data contract")
    p.add_argument("data", type=Path, metavar="DIR", help="dataset folder")
    p.add_argument("--region", help="check only this region's rows")
    p.add_argument(
        "--max-problems",
        type=_positive_int,
        default=config.MAX_PROBLEMS_SHOWN,
        help=f"list at most this many problems (default {config.MAX_PROBLEMS_SHOWN})",
    )
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("regions", help="list the regions of a dataset")
    p.add_argument(
        "data",
        type=Path,
        nargs="?",
        default=config.DEFAULT_DATA_DIR,
        metavar="DIR",
        help=f"dataset folder (default {config.DEFAULT_DATA_DIR})",
    )
    p.set_defaults(func=_cmd_regions)

    p = sub.add_parser("run", help="render the reports of one or more regions")
    p.add_argument("regions", nargs="*", metavar="REGION", help="region ids to run")
    p.add_argument("--all", action="store_true", help="run every region of the dataset")
    p.add_argument(
        "--data",
        type=Path,
        default=config.DEFAULT_DATA_DIR,
        metavar="DIR",
        help=f"dataset folder (default {config.DEFAULT_DATA_DIR})",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=config.DEFAULT_OUTPUT_DIR,
        metavar="DIR",
        help=f"output folder (default {config.DEFAULT_OUTPUT_DIR})",
    )
    p.add_argument(
        "--lang",
        choices=config.LANGUAGES,
        default=config.DEFAULT_LANG,
        help="language of the reports (default id: Bahasa Indonesia)",
    )
    p.add_argument(
        "--min-group-size",
        type=_positive_int,
        default=config.MIN_GROUP_SIZE,
        help=f"suppress groups smaller than this (default {config.MIN_GROUP_SIZE})",
    )
    p.add_argument(
        "--templates",
        metavar="NAMES",
        help="comma-separated template names or .ipynb paths (default: every template)",
    )
    p.add_argument(
        "--workers",
        type=_positive_int,
        default=os.cpu_count() or 1,
        help="notebooks run at once, each in a fresh process (default: the number of cores)",
    )
    p.add_argument(
        "--cell-timeout",
        type=_positive_float,
        default=config.CELL_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a cell that runs longer than this (default {config.CELL_TIMEOUT:g})",
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="run only what failed last time or changed since (template, parameters, data)",
    )
    p.add_argument(
        "--params",
        type=Path,
        metavar="DIR",
        help="folder of <region_id>.yaml files with further template parameters per region",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (workers must see --data and --out)",
    )
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser(
        "audit",
        help="scan an output folder for personal data, small groups, scripts and external links",
    )
    p.add_argument("out", type=Path, metavar="OUTPUT_DIR", help="output folder to scan")
    p.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="dataset folder whose staff names to look for (default: no names)",
    )
    p.add_argument(
        "--min-group-size",
        type=_positive_int,
        default=config.MIN_GROUP_SIZE,
        metavar="N",
        help=f"groups smaller than this must be suppressed (default {config.MIN_GROUP_SIZE})",
    )
    p.set_defaults(func=_cmd_audit)
    return parser


def _cmd_sample_data(args: argparse.Namespace) -> int:
    if args.national:
        return _sample_data_national(args)
    if args.hostile:
        from kompetensi_toolkit.hostile import write_hostile_dataset as write
    else:
        from kompetensi_toolkit.sample import write_sample_dataset as write

    started = time.perf_counter()
    folder = args.out or (HOSTILE_DIR if args.hostile else config.DEFAULT_DATA_DIR)
    out = write(folder, seed=args.seed, scale=args.scale)
    files = sorted(p.name for p in out.iterdir() if p.is_file())
    kind = "hostile test dataset" if args.hostile else "synthetic dataset"
    print(
        f"Wrote the {kind} to {folder} ({len(files)} tables, seed {args.seed}, "
        f"scale {args.scale:g}) in {time.perf_counter() - started:.1f} s."
    )
    return EXIT_OK


def _sample_data_national(args: argparse.Namespace) -> int:
    from kompetensi_toolkit.national import write_national_dataset

    if args.hostile:
        raise ParameterError(
            "The options --national and --hostile of sample-data cannot be combined. Got both. "
            "Give one of them."
        )
    started = time.perf_counter()
    folder = args.out or NATIONAL_DIR
    rows = write_national_dataset(folder, seed=args.seed, scale=args.scale, progress=True)
    print(
        f"Wrote the national synthetic dataset to {folder} ({rows['regions']} regions, "
        f"{rows['employees']:,} employees, seed {args.seed}, scale {args.scale:g}) in "
        f"{time.perf_counter() - started:.1f} s."
    )
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from kompetensi_toolkit.loaders import validate_dataset

    problems = validate_dataset(args.data, region=args.region)
    if not problems:
        scope = f" (region {args.region})" if args.region else ""
        print(f"{args.data}: no problems found{scope}.")
        return EXIT_OK
    print(format_problems(problems, args.max_problems))
    n = len(problems)
    print(
        f"\n{args.data}: {n} problem{'s' if n != 1 else ''} found. Each line reads "
        "file:row:column: what is wrong (value seen; allowed). Fix them and run "
        "`kompetensi validate` again.",
        file=sys.stderr,
    )
    return EXIT_FAILED


def _cmd_regions(args: argparse.Namespace) -> int:
    from kompetensi_toolkit.loaders import list_regions

    regions = list_regions(args.data)
    cols = [
        c for c in ("region_id", "name", "level", "province", "parent_id") if c in regions.columns
    ]
    rows = regions[cols].astype("object").fillna("").astype(str).itertuples(index=False)
    print(_format_table([tuple(cols), *rows]))
    return EXIT_OK


def _cmd_run(args: argparse.Namespace) -> int:
    from kompetensi_toolkit.loaders import list_regions

    if args.all and args.regions:
        raise _Usage("give region ids or --all, not both")
    if not args.all and not args.regions:
        raise _Usage("name at least one region id, or --all")
    known = list(list_regions(args.data)["region_id"])
    regions = known if args.all else list(dict.fromkeys(args.regions))
    unknown = [r for r in regions if r not in known]
    if unknown:
        raise _Usage(
            f"unknown region{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(map(repr, unknown))}; {args.data} has: {', '.join(known)}"
        )
    region_parameters = read_region_parameters(args.params, regions) if args.params else None
    from kompetensi_toolkit.reporting import run_reports

    with _progress_bar() as progress:
        results = run_reports(
            regions,
            args.data,
            args.out,
            lang=args.lang,
            min_group_size=args.min_group_size,
            progress=progress,
            workers=args.workers,
            cell_timeout=args.cell_timeout,
            resume=args.resume,
            region_parameters=region_parameters,
            scheduler=args.scheduler,
            templates=[t.strip() for t in args.templates.split(",") if t.strip()]
            if args.templates
            else None,
        )
    print()
    print(_results_table(results))
    for region, problems in _data_problems(results).items():
        print(f"\nRegion {region}: its rows in {args.data} do not meet the data contract:")
        print(format_problems(problems, config.MAX_PROBLEMS_SHOWN))
    failed = [r for r in results if not r.ok]
    index = Path(args.out) / "index.html"
    clean = _audit_run(args)
    if failed:
        print(
            f"\n{len(failed)} of {len(results)} reports failed; the others are in {args.out}. "
            f"Index: {index}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    if not clean:
        print(
            f"\nAll {len(results)} reports rendered, but the run is not clean: {args.out} holds "
            "what must not be shared (listed above). Do not share it until "
            f"`kompetensi audit {args.out}` finds nothing.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    kept = sum(r.status == "unchanged" for r in results)
    written = (
        f"All {len(results)} reports written"
        if not kept
        else (
            f"All {len(results)} reports ready ({kept} unchanged since the last run, not run again)"
        )
    )
    print(f"\n{written}; the audit found nothing that must not be shared. Open {index}")
    return EXIT_OK


def _cmd_audit(args: argparse.Namespace) -> int:
    from kompetensi_toolkit.audit import audit_outputs, format_findings, staff_names

    if not args.out.is_dir():
        raise _Usage(f"OUTPUT_DIR must be a folder of reports; {args.out} is not one")
    names = staff_names(args.data) if args.data else ()
    findings = audit_outputs(args.out, names=names, min_group_size=args.min_group_size)
    if not findings:
        print(f"{args.out}: no findings.")
        return EXIT_OK
    print(format_findings(findings))
    print(
        f"\n{args.out} is not safe to share. Each line reads file:where: what (masked). "
        "Fix the template or the data and render again.",
        file=sys.stderr,
    )
    return EXIT_FAILED


def _audit_run(args: argparse.Namespace) -> bool:
    """Audit what the run wrote; print the findings; True when there are none."""
    from kompetensi_toolkit.audit import audit_outputs, format_findings, staff_names

    if not Path(args.out).is_dir():
        return True  # nothing was written
    try:
        names = staff_names(args.data, None if args.all else args.regions)
    except KompetensiError as err:  # a broken region: its rows were reported above
        names = ()
        print(f"\nAudit: staff names not looked for ({type(err).__name__}).")
    findings = audit_outputs(args.out, names=names, min_group_size=args.min_group_size)
    if findings:
        print(f"\nAudit of {args.out} (`kompetensi audit`):")
        print(format_findings(findings))
    return not findings


def read_region_parameters(folder: Path, regions: Sequence[str]) -> dict[str, dict[str, object]]:
    """Template parameters per region from ``<folder>/<region_id>.yaml`` (a mapping).

    A region without a file gets none; a file for a region not in the run is
    ignored. A file that is not a YAML mapping of names to values is refused
    with its path.
    """
    import yaml

    if not folder.is_dir():
        raise _Usage(f"--params must be a folder of <region_id>.yaml files; {folder} is not one")
    out: dict[str, dict[str, object]] = {}
    for region_id in regions:
        for path in (folder / f"{region_id}.yaml", folder / f"{region_id}.yml"):
            if not path.is_file():
                continue
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError) as err:
                raise _Usage(f"{path} is not valid YAML: {err}") from None
            if data is None:
                data = {}
            if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
                raise _Usage(
                    f"{path} must be a mapping of parameter names to values, e.g. "
                    f"'budget: 500000000'; got {type(data).__name__}"
                )
            out[region_id] = data
            break
    return out


@contextlib.contextmanager
def _progress_bar():
    """A progress bar over regions × templates on a terminal; one line per notebook otherwise."""
    from tqdm import tqdm

    bar = None

    def progress(done: int, total: int, result) -> None:
        nonlocal bar
        region = result.region_id or ALL_REGIONS
        line = (
            f"[{done}/{total}] {region} {result.template}: {result.status} ({result.seconds:.1f} s)"
        )
        if not sys.stderr.isatty():
            print(line, flush=True)
            return
        if bar is None:
            bar = tqdm(total=total, unit="report", file=sys.stderr, dynamic_ncols=True)
        bar.set_postfix_str(f"{result.region_id} {result.template}: {result.status}")
        bar.update(1)

    try:
        yield progress
    finally:
        if bar is not None:
            bar.close()


def _format_table(rows: Sequence[Sequence[str]]) -> str:
    """Rows of text as left-aligned columns; the last column is not padded."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]).rstrip()
        for row in rows
    )


def _results_table(results: Sequence) -> str:
    rows = [("region", "report", "status", "seconds", "where / why")]
    for r in results:
        detail = str(getattr(r, "html", "") or "")
        if not r.ok:
            cell = getattr(r, "failed_cell", None)
            detail = (f"cell {cell}: " if cell is not None else "") + str(r.error or "")
            notebook = getattr(r, "notebook", None)
            if notebook:
                detail += f" (partial notebook: {notebook})"
        rows.append((r.region_id or ALL_REGIONS, r.template, r.status, f"{r.seconds:.1f}", detail))
    return _format_table(rows)


def _data_problems(results: Sequence) -> dict[str, list]:
    """Region → the data problems that kept its reports from starting."""
    return {r.region_id: list(r.problems) for r in results if getattr(r, "problems", ())}


class _Usage(Exception):
    """A command line that cannot be run as given."""


@contextlib.contextmanager
def _plain_warnings(command: str):
    """The toolkit's own warnings as one plain line (no file name or source line)."""
    import warnings

    from kompetensi_toolkit.exceptions import KompetensiWarning

    shown = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, KompetensiWarning):
            print(f"kompetensi {command}: warning: {message}", file=sys.stderr)
        else:
            shown(message, category, filename, lineno, file, line)

    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = shown


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with _plain_warnings(args.command):
            return args.func(args)
    except _Usage as err:
        parser.print_usage(sys.stderr)
        print(f"kompetensi {args.command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except DataValidationError as err:
        if args.debug:
            raise
        print(format_problems(err.problems, config.MAX_PROBLEMS_SHOWN))
        print(
            f"\n{len(err.problems)} problem(s) in the dataset; nothing was written. "
            "Run `kompetensi validate DIR` after fixing them.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except KompetensiError as err:
        if args.debug:
            raise
        print(f"kompetensi {args.command}: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as err:  # the promise: no traceback reaches a user
        if args.debug:
            raise
        print(
            f"kompetensi {args.command}: unexpected error: {type(err).__name__}: {err}\n"
            "This is a bug in kompetensi-toolkit; run again with --debug for the details "
            "and report them.",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
