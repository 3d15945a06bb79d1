"""PySpark's own Spark Connect client, timed on the same server and workload as the TS client.

Usage: python pyspark_client.py <sc://url> <arrow|rows|pandas|trivial> <workload-json>
Prints one JSON object on the last line of stdout (keys as run.ts's MeasureResult, hence camelCase);
everything else goes to stderr.
One measure per process, so its getrusage() peak RSS belongs to that measure alone.
"""

import gc
import json
import re
import resource
import statistics
import sys
import time


def status_kb(field):
    with open("/proc/self/status") as f:
        match = re.search(field + r":\s+(\d+) kB", f.read())
    return int(match.group(1)) * 1024 if match else None


def reset_peak_rss():
    # Writing 5 to clear_refs resets VmHWM (Linux >= 4.0), giving a per-run peak; best effort.
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def main():
    url, measure, workload = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    import pyspark
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.remote(url).getOrCreate()
    wide = spark.range(workload["rows"]).selectExpr(*workload["columns"])

    # PySpark 3.5.x's Connect DataFrame has no public Arrow result (toArrow() and _to_table() come
    # in 4.0). collect() and toPandas() both start from client.to_table(plan) -> (pyarrow.Table,
    # schema): that call is the like-for-like of the TS toArrow(). toPandas() is measured too.
    def fetch_arrow():
        if hasattr(wide, "_to_table"):
            result = wide._to_table()
        else:
            result = spark.client.to_table(wide._plan.to_proto(spark.client))
        table = result[0] if isinstance(result, tuple) else result
        return table.num_rows

    fetchers = {
        "arrow": ("DataFrame._to_table()" if hasattr(wide, "_to_table") else "client.to_table(plan) -> pyarrow.Table", fetch_arrow),
        "rows": ("DataFrame.collect()", lambda: len(wide.collect())),
        "pandas": ("DataFrame.toPandas()", lambda: len(wide.toPandas())),
    }

    def trivial():
        return len(spark.range(1).collect())

    result = {"client": "pyspark", "version": pyspark.__version__, "measure": measure}
    if measure == "trivial":
        warmups_ms = []
        for _ in range(workload["trivialWarmups"]):
            start = time.perf_counter()
            trivial()
            warmups_ms.append((time.perf_counter() - start) * 1000)
        rounds = []
        for _ in range(workload["runs"]):
            tries = []
            for _ in range(workload["trivialTries"]):
                start = time.perf_counter()
                trivial()
                tries.append((time.perf_counter() - start) * 1000)
            rounds.append(tries)
        result.update(method="spark.range(1).collect()", warmupsMs=warmups_ms, triesMs=rounds, runsMs=[statistics.median(r) for r in rounds])
    else:
        method, fetch = fetchers[measure]
        warmups_ms, runs_ms, peaks, baselines = [], [], [], []
        for i in range(workload["warmups"] + workload["runs"]):
            gc.collect()
            baseline = status_kb("VmRSS")
            reset = reset_peak_rss()
            start = time.perf_counter()
            count = fetch()
            elapsed = (time.perf_counter() - start) * 1000
            if count != workload["rows"]:
                raise SystemExit(f"expected {workload['rows']} rows, got {count}")
            if i < workload["warmups"]:
                warmups_ms.append(elapsed)
            else:
                runs_ms.append(elapsed)
                baselines.append(baseline)
                peaks.append(status_kb("VmHWM") if reset else None)
        result.update(
            method=method, warmupsMs=warmups_ms, runsMs=runs_ms, peakRssBytes=peaks, baselineRssBytes=baselines,
            rssSource="VmHWM" if None not in peaks else "unavailable",
        )

    # ru_maxrss is in KiB on Linux: the process's lifetime peak, imports and warm-up included.
    result["maxrssBytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    result["medianMs"] = statistics.median(result["runsMs"])
    spark.stop()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
