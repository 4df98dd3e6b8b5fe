"""The output folder: Parquet parts written as batches finish, resume state, final tables, CSV.

Layout of DIR::

    manifest.json          what was asked (spec, seed, design, outcomes) and whether it is done
    sweep.yaml             the spec as written (when it came from a file)
    design.parquet         one row per design point: parameter values and unit-cube coordinates
    parts/runs-A-B.parquet one file per finished batch of runs A..B (the resume state)
    indicators/part-A-B.parquet  per-turn series of those runs (a Parquet dataset)
    runs.parquet           one row per run, sorted by run_id (written when every run is done)

Why parts: a batch is written to a temporary name, synced and renamed, indicators first and
the runs part last, so a runs part exists only when both are complete. Whatever kills the
sweep (Ctrl-C, kill -9, a lost machine), the parts on disk are whole, and resuming runs exactly
the run ids no runs part covers. Memory stays flat: nothing is kept after a batch is written.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from .plan import Plan
    from .worker import BatchResult

PART = re.compile(r"^(?:runs|part)-(\d+)-(\d+)\.parquet$")
PARQUET_OPTIONS = {"compression": "zstd", "use_dictionary": True}
ROW_GROUP = 65_536


class SweepDirError(ValueError):
    """The output folder holds something else than this sweep (or is not a sweep)."""


class SweepStore:
    """Reads and writes one sweep's output folder."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.parts = self.root / "parts"
        self.indicators = self.root / "indicators"
        self.manifest_path = self.root / "manifest.json"
        self.runs_path = self.root / "runs.parquet"
        self.design_path = self.root / "design.parquet"

    # ------------------------------------------------------------------ set-up and resume
    def prepare(self, plan: Plan, resume: bool) -> list[tuple[int, int]]:
        """Create or reopen the folder; return the run id ranges already done."""
        if self.manifest_path.exists():
            old = self.manifest()
            if not resume:
                raise SweepDirError(
                    f"{self.root} already holds sweep '{old.get('name')}'; continue it with "
                    "--resume (resume=True) or choose another output folder"
                )
            if old.get("fingerprint") != plan.fingerprint:
                raise SweepDirError(
                    f"{self.root} holds a different sweep ({_differences(old, plan.manifest())}); "
                    "resume it with the same spec and flags, or choose another output folder"
                )
        elif self.root.exists() and any(self.root.iterdir()):
            raise SweepDirError(f"{self.root} exists and is not a sweep folder; choose another")
        self.root.mkdir(parents=True, exist_ok=True)
        if not self.manifest_path.exists():  # first: it is what marks the folder as this sweep's
            _atomic_text(self.manifest_path, _json({**plan.manifest(), "complete": False}))
        self.parts.mkdir(exist_ok=True)
        if plan.outcomes.series:
            self.indicators.mkdir(exist_ok=True)
        if not self.design_path.exists():
            self._write_design(plan)
        if plan.spec_text is not None and not (self.root / "sweep.yaml").exists():
            _atomic_text(self.root / "sweep.yaml", plan.spec_text)
        return self._clean_and_list()

    def _clean_and_list(self) -> list[tuple[int, int]]:
        """Remove half-written files; return the ranges whose runs part exists."""
        for folder in (self.parts, self.indicators, self.root):
            if folder.exists():
                for tmp in folder.glob("*.tmp"):
                    tmp.unlink()
        done = sorted(self._ranges(self.parts))
        have = set(done)
        if self.indicators.exists():
            for path in self.indicators.glob("part-*.parquet"):
                if _range_of(path) not in have:
                    path.unlink()  # indicators of a batch whose runs part never landed
        return done

    @staticmethod
    def _ranges(folder: Path) -> Iterator[tuple[int, int]]:
        for path in folder.glob("runs-*.parquet"):
            found = _range_of(path)
            if found:
                yield found

    def manifest(self) -> dict[str, Any]:
        return json.loads(self.manifest_path.read_text(encoding="utf-8"))

    def _write_design(self, plan: Plan) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        design = plan.design
        n = design.n_points
        points = np.arange(n, dtype=np.int64)
        per_group = design.n_samples
        columns: dict[str, Any] = {
            "point": points,
            "scenario": [plan.scenario_names[design.locate(p)[0]] for p in range(n)],
            "group": points // per_group,
            "sample": points % per_group,
        }
        rows = [design.values(p) for p in range(n)]
        for k, param in enumerate(plan.parameters):
            columns[param.name] = _typed([r[k] for r in rows], param.kind)
        unit = np.tile(design.unit, (design.n_groups, 1))
        for k, factor in enumerate(design.uncertainties):
            columns[f"unit.{factor.name}"] = unit[:, k]
        table = pa.table(columns)
        _atomic(self.design_path, lambda tmp: pq.write_table(table, tmp, **PARQUET_OPTIONS))

    # ------------------------------------------------------------------ batches
    def runs_schema(self, plan: Plan) -> pa.Schema:
        import pyarrow as pa

        fields = [
            pa.field("run_id", pa.int64()),
            pa.field("point", pa.int64()),
            pa.field("replication", pa.int32()),
            pa.field("scenario", pa.string()),
            pa.field("seed", pa.int64()),
            pa.field("status", pa.string()),
            pa.field("error", pa.string()),
            pa.field("wall_time", pa.float64()),
        ]
        fields += [pa.field(p.name, _arrow_type(p.kind)) for p in plan.parameters]
        fields += [
            pa.field(
                o.column,
                pa.string() if o.dtype == "string" else pa.float64(),
                metadata={"path": o.path, "over": o.over, "unit": o.unit, "reduction": o.reduction},
            )
            for o in plan.outcomes.final
        ]
        return pa.schema(fields)

    def series_schema(self, plan: Plan) -> pa.Schema:
        import pyarrow as pa

        return pa.schema(
            [
                pa.field("run_id", pa.int64()),
                pa.field("point", pa.int64()),
                pa.field("replication", pa.int32()),
                pa.field("indicator", pa.dictionary(pa.int32(), pa.string())),
                pa.field("turn", pa.int32()),
                pa.field("value", pa.float64()),
            ]
        )

    def write_batch(self, plan: Plan, first: int, last: int, result: BatchResult) -> None:
        """Write a finished batch: indicators part, then the runs part that marks it done."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        name = f"{first:012d}-{last:012d}.parquet"
        if plan.outcomes.series:
            series = self._series_table(plan, result)
            _atomic(
                self.indicators / f"part-{name}",
                lambda tmp: pq.write_table(series, tmp, **PARQUET_OPTIONS),
            )
        ids = np.asarray(result.run_ids, dtype=np.int64)
        points, reps = np.divmod(ids, plan.replications)
        specs = plan.runs(result.run_ids)
        columns: dict[str, Any] = {
            "run_id": ids,
            "point": points,
            "replication": reps.astype(np.int32),
            "scenario": [plan.scenario_names[s.scenario] for s in specs],
            "seed": np.asarray([s.seed for s in specs], dtype=np.int64),
            "status": result.status,
            "error": result.error,
            "wall_time": np.asarray(result.wall_time, dtype=np.float64),
        }
        for k, param in enumerate(plan.parameters):
            columns[param.name] = _typed([s.values[k] for s in specs], param.kind)
        for out, values in zip(plan.outcomes.final, result.finals, strict=True):
            columns[out.column] = values
        table = pa.table(columns, schema=self.runs_schema(plan))
        _atomic(
            self.parts / f"runs-{name}",
            lambda tmp: pq.write_table(table, tmp, **PARQUET_OPTIONS),
        )

    def _series_table(self, plan: Plan, result: BatchResult) -> pa.Table:
        import pyarrow as pa

        def cat(parts: list[np.ndarray], dtype: Any) -> np.ndarray:
            return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)

        run = cat(result.series_run, np.int64)
        code = cat(result.series_code, np.int32)
        turn = cat(result.series_turn, np.int32)
        value = cat(result.series_value, np.float64)
        order = np.lexsort((turn, code, run))  # run_id, then indicator, then turn
        run, code, turn, value = run[order], code[order], turn[order], value[order]
        points, reps = np.divmod(run, plan.replications)
        names = pa.array(list(plan.outcomes.series), pa.string())
        indicator = pa.DictionaryArray.from_arrays(pa.array(code, pa.int32()), names)
        return pa.table(
            [run, points, reps.astype(np.int32), indicator, turn, value],
            schema=self.series_schema(plan),
        )

    # ------------------------------------------------------------------ final tables
    def finalize(self, plan: Plan) -> Path:
        """Join the runs parts into runs.parquet, in run_id order, one part at a time."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = self.runs_schema(plan)

        def write(tmp: Path) -> None:
            with pq.ParquetWriter(tmp, schema, **PARQUET_OPTIONS) as writer:
                buffer: list[pa.Table] = []
                rows = 0
                for path in self.run_parts():
                    buffer.append(pq.read_table(path, schema=schema))
                    rows += buffer[-1].num_rows
                    if rows >= ROW_GROUP:  # few, large row groups; memory stays bounded
                        writer.write_table(pa.concat_tables(buffer))
                        buffer, rows = [], 0
                if buffer:
                    writer.write_table(pa.concat_tables(buffer))

        _atomic(self.runs_path, write)
        _atomic_text(self.manifest_path, _json({**self.manifest(), "complete": True}))
        return self.runs_path

    def run_parts(self) -> list[Path]:
        return _sorted_parts(self.parts.glob("runs-*.parquet"))

    def indicator_parts(self) -> list[Path]:
        if not self.indicators.exists():
            return []
        return _sorted_parts(self.indicators.glob("part-*.parquet"))

    # ------------------------------------------------------------------ reading
    def read_runs(self) -> pd.DataFrame:
        """runs.parquet, or the parts so far (sorted by run_id) while the sweep is unfinished."""
        import pandas as pd
        import pyarrow as pa
        import pyarrow.parquet as pq

        manifest = self.manifest()
        if manifest.get("complete") and self.runs_path.exists():
            return pd.read_parquet(self.runs_path)
        parts = [pq.read_table(p) for p in self.run_parts()]
        if not parts:
            return pd.DataFrame()
        return pa.concat_tables(parts).to_pandas()

    def read_indicators(self) -> pd.DataFrame:
        """The per-turn series of every finished run, sorted by run_id, indicator, turn."""
        import pandas as pd
        import pyarrow as pa
        import pyarrow.parquet as pq

        parts = [pq.read_table(p) for p in self.indicator_parts()]
        if not parts:
            return pd.DataFrame(
                columns=["run_id", "point", "replication", "indicator", "turn", "value"]
            )
        table = pa.concat_tables(parts, promote_options="permissive")
        frame = table.to_pandas()
        frame["indicator"] = frame["indicator"].astype(str)
        return frame

    def read_design(self) -> pd.DataFrame:
        import pandas as pd

        return pd.read_parquet(self.design_path)

    def export_csv(self) -> list[Path]:
        """runs.csv, design.csv and indicators.csv next to the Parquet files, part by part."""
        import pyarrow.parquet as pq

        written = []
        runs_csv = self.root / "runs.csv"
        _atomic(runs_csv, lambda tmp: _parts_to_csv(self.run_parts(), tmp))
        written.append(runs_csv)
        design_csv = self.root / "design.csv"
        _atomic(
            design_csv,
            lambda tmp: (
                pq.read_table(self.design_path)
                .to_pandas()
                .to_csv(tmp, index=False, lineterminator="\n")
            ),
        )
        written.append(design_csv)
        outcomes_csv = self.root / "outcomes.csv"
        _atomic(outcomes_csv, lambda tmp: _outcomes_to_csv(self.manifest(), tmp))
        written.append(outcomes_csv)
        if self.indicator_parts():
            ind_csv = self.root / "indicators.csv"
            _atomic(ind_csv, lambda tmp: _parts_to_csv(self.indicator_parts(), tmp))
            written.append(ind_csv)
        return written

    def remove(self) -> None:
        """Delete the folder (used by tests and by callers starting afresh)."""
        shutil.rmtree(self.root, ignore_errors=True)


def _parts_to_csv(parts: list[Path], tmp: Path) -> None:
    import pyarrow.parquet as pq

    with tmp.open("w", encoding="utf-8", newline="") as fh:
        for i, path in enumerate(parts):
            frame = pq.read_table(path).to_pandas()
            frame.to_csv(fh, index=False, header=i == 0, lineterminator="\n")


OUTCOME_FIELDS = ("column", "path", "over", "reduction", "unit", "dtype")


def _outcomes_to_csv(manifest: dict[str, Any], tmp: Path) -> None:
    """What each column of runs.csv holds: its indicator, reduction and unit (CSV has no
    place for the metadata runs.parquet keeps per column)."""
    with open(tmp, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(OUTCOME_FIELDS)
        for outcome in manifest["outcomes"]["final"]:
            writer.writerow([outcome.get(name, "") for name in OUTCOME_FIELDS])


def _range_of(path: Path) -> tuple[int, int] | None:
    found = PART.match(path.name)
    return (int(found.group(1)), int(found.group(2))) if found else None


def _sorted_parts(paths: Iterable[Path]) -> list[Path]:
    """Part files in run_id order (files that are not parts are left out)."""
    return sorted((p for p in paths if _range_of(p)), key=lambda p: _range_of(p) or (0, 0))


def _arrow_type(kind: str) -> pa.DataType:
    import pyarrow as pa

    return {"float": pa.float64(), "int": pa.int64(), "bool": pa.bool_()}.get(kind, pa.string())


def _typed(values: list[Any], kind: str) -> list[Any]:
    if kind == "category":
        return [None if v is None else str(v) for v in values]
    return values


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file, flush it to disk, then rename it into place."""
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _sync_dir(path.parent)


def _atomic_text(path: Path, text: str) -> None:
    _atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not possible on every platform
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, sort_keys=True, default=str) + "\n"


def _differences(old: dict[str, Any], new: dict[str, Any]) -> str:
    keys = (
        "name",
        "seed",
        "replications",
        "turns",
        "scenarios",
        "design",
        "parameters",
        "outcomes",
        "common_random_numbers",
    )
    diff = [k for k in keys if old.get(k) != json.loads(_json({k: new.get(k)}))[k]]
    return "differs in " + ", ".join(diff) if diff else "its scenarios or constants changed"
