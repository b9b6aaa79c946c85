"""Refreshing the public statistical files (config/refresh_sources.yaml, migration_evidence.refresh).

A local HTTP server on 127.0.0.1 (and no other address: every connection elsewhere fails the test)
serves prepared releases made from the committed files: a revised past value and a new month, a
renamed column, a file in another encoding, a truncated download, a 500 error, a slow response, a
withdrawn period, the World Bank API's and Banco de México's SIE API's JSON. The tests check the release
directory and its record, the conversions, the refresh report, adoption, and that every fault stops
with the source, the URL and the problem while nothing committed changes and the next run resumes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from conftest import REPO

from migration_evidence.config import ConfigError
from migration_evidence.errors import InputError
from migration_evidence.refresh import release as rel
from migration_evidence.refresh.compare import compare_audit, compare_file, compare_headlines, moved
from migration_evidence.refresh.convert import (
    banxico_sie_cuadro_xlsx,
    banxico_sie_json,
    inegi_api_json,
    to_committed_file,
    worldbank_api_json,
)
from migration_evidence.refresh.fetch import LOCK, RefreshErrors, RefreshLockedError, refresh, refresh_lock
from migration_evidence.refresh.report import render_report
from migration_evidence.refresh.sources import RefreshError, load_sources
from migration_evidence.refresh.tree import adopt, prepare_tree
from migration_evidence.statistical_files.datapackage import file_md5, load_statistical_files, verify_statistical_file

RAW = REPO / "data" / "raw" / "statistical_files"
MONTHLY = "banxico_remesas_mensuales_1995_2026.csv"
GDP = "worldbank_gdp_current_usd.csv"
FIX = "banxico_usdmxn_fix_mensual.csv"
MUNICIPAL = "banxico_remesas_municipio_trimestral_2013_2024.csv"
INPC = "inegi_inpc_mensual.csv"
TOKEN = "test-token-7f3a"
INEGI_PATH = "/inegi/INDICATOR/628194,628195,628198/es/0700/false/BIE/2.0/"
INEGI_URL = INEGI_PATH + "{token}?type=json"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Any connection to an address other than 127.0.0.1 fails the test."""
    connect = socket.socket.connect

    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and address[0] != "127.0.0.1":
            raise AssertionError(f"a refresh test tried to reach {address!r}")
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


# --- prepared releases --------------------------------------------------------------------------


def _monthly_revised() -> bytes:
    """The committed monthly file with January 2026's inflows revised up by 1,000,000 USD and June 2026 added."""
    text = (RAW / MONTHLY).read_bytes().decode("utf-8")
    old = "2026-01-01,1,Ingresos,11771313,4656526805\r\n"
    assert old in text  # Banco de México's January 2026 inflows as committed
    text = text.replace(old, "2026-01-01,1,Ingresos,11771313,4657526805\r\n")
    text += "2026-06-01,1,Ingresos,13000000,5400000000\r\n2026-06-01,2,Egresos,270000,107000000\r\n"
    return text.encode("utf-8")


def _worldbank_json(revise: bool = True) -> bytes:
    """The committed GDP rows of Mexico and the United States as the World Bank API v2 returns them."""
    observations = []
    with open(RAW / GDP, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Country Code"] in ("MEX", "USA"):
                value = float(row["Value"])
                if revise and row["Country Code"] == "MEX" and row["Year"] == "2023":
                    value *= 1.01
                observations.append(
                    {
                        "indicator": {"id": "NY.GDP.MKTP.CD", "value": "GDP (current US$)"},
                        "country": {"id": row["Country Code"][:2], "value": row["Country Name"]},
                        "countryiso3code": row["Country Code"],
                        "date": row["Year"],
                        "value": value,
                        "unit": "",
                        "obs_status": "",
                        "decimal": 0,
                    }
                )
    observations.append({**observations[-1], "date": "2024", "value": 29184890000000.0})
    observations.append({**observations[-1], "date": "2025", "value": None})  # not yet published
    meta = {"page": 1, "pages": 1, "per_page": 20000, "total": len(observations), "sourceid": "2"}
    return json.dumps([meta, observations]).encode("utf-8")


def _sie_fix_json() -> bytes:
    """Daily FIX observations whose monthly means are the committed monthly values, and July 2026 added."""
    datos = []
    with open(RAW / FIX, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if float(row["TIPO_CAMBIO"]) == 0:
                continue
            year, month = row["PERIODO"][:4], row["PERIODO"][5:7]
            value = float(row["TIPO_CAMBIO"])
            datos += [
                {"fecha": f"02/{month}/{year}", "dato": f"{value - 0.0001:,.4f}"},
                {"fecha": f"03/{month}/{year}", "dato": f"{value + 0.0001:,.4f}"},
                {"fecha": f"04/{month}/{year}", "dato": "N/E"},
            ]
    datos += [{"fecha": "01/07/2026", "dato": "18.0000"}, {"fecha": "02/07/2026", "dato": "18.1000"}]
    series = [{"idSerie": "SF43718", "titulo": "Tipo de cambio FIX", "datos": datos}]
    return json.dumps({"bmx": {"series": series}}).encode("utf-8")


def _wide(data: bytes) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    return rows[0], rows[1:]


# The committed municipal file as Banco de México's SIE exports table CE166 (.xlsx): title rows, a
# header row with the quarter labels right of an unlabelled names column, one row per state and
# municipality; "revised": Zacatecas's 2024 Oct-Dic total revised and Ene-Mar 2025 added (one new
# column); "withdrawn": the last quarter (Oct-Dic 2024) missing; "renamed": one quarter relabelled.
_XLSX: dict[str, bytes] = {}
REVISED_CELL = ("Zacatecas", "Oct-Dic 2024")


def _ce166_xlsx(variant: str) -> bytes:
    if variant in _XLSX:
        return _XLSX[variant]
    from openpyxl import Workbook

    header, rows = _wide((RAW / MUNICIPAL).read_bytes())
    labels, body = header[1:], [[r[0], *map(float, r[1:])] for r in rows]
    if variant == "revised":
        state = next(i for i, r in enumerate(body) if "\u25cf" in r[0] and r[0].strip().endswith(REVISED_CELL[0]))
        column = 1 + labels.index(REVISED_CELL[1])
        body[state][column] = round(body[state][column] + 1.5, 6)
        labels = [*labels, "Ene-Mar 2025"]
        body = [[*r, round(r[-1] * 1.01, 6)] for r in body]
    elif variant == "withdrawn":
        labels, body = labels[:-1], [r[:-1] for r in body]
    elif variant == "renamed":
        labels = [("Abr-Jun 14" if label == "Abr-Jun 2014" else label) for label in labels]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hoja1")
    sheet.append(["Banco de México"])
    sheet.append(["Ingresos por remesas, distribución por municipio"])
    sheet.append(["Cuadro: CE166"])
    sheet.append([])
    sheet.append(["Millones de dólares"])
    sheet.append([None, None, *labels])
    for row in body:
        sheet.append([None, *row])
    sheet.append([])
    sheet.append(["Fuente: Banco de México."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    _XLSX[variant] = buffer.getvalue()
    return _XLSX[variant]


def _inegi_json(revise: bool = False) -> bytes:
    """The committed INPC as INEGI's Indicadores API returns it: newest first, values padded with zeros;
    with ``revise``, June 2026's headline index revised and July 2026 added."""
    columns = {"628194": "GENERAL", "628195": "SUBYACENTE", "628198": "NO_SUBYACENTE"}
    with open(RAW / INPC, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if revise:
        rows[-1] = {**rows[-1], "GENERAL": "145.2"}
        rows.append({"PERIODO": "2026-07-01", "GENERAL": "145.5", "SUBYACENTE": "145.9", "NO_SUBYACENTE": ""})
    series = []
    for indicator, column in columns.items():
        observations = [
            {
                "TIME_PERIOD": f"{r['PERIODO'][:4]}/{r['PERIODO'][5:7]}",
                "OBS_VALUE": (r[column] + "0" * 8) if r[column] else None,
                "OBS_EXCEPTION": None,
                "OBS_STATUS": "3",
                "OBS_SOURCE": "17",
                "OBS_NOTE": None,
                "COBER_GEO": "0700",
            }
            for r in reversed(rows)
        ]
        series.append(
            {
                "INDICADOR": indicator,
                "FREQ": "8",
                "TOPIC": "",
                "UNIT": "",
                "UNIT_MULT": "",
                "NOTE": None,
                "SOURCE": "",
                "LASTUPDATE": "",
                "STATUS": None,
                "OBSERVATIONS": observations,
            }
        )
    return json.dumps({"Header": {"Name": "", "Email": ""}, "Series": series}).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        server = self.server
        path = self.path.split("?")[0]
        server.requests[path] = server.requests.get(path, 0) + 1
        route = server.routes.get(path)
        if route is None and path.startswith(INEGI_PATH):  # any token: the handler checks it
            route = server.routes.get(INEGI_PATH)
        if route is None:
            self.send_error(404, "Not Found")
            return
        kind, body = route
        if kind == "inegi" and self.path.split("?")[0].rsplit("/", 1)[-1] != TOKEN:  # token in the path
            self.send_error(401, "Unauthorized")
            return
        if kind == "token" and self.headers.get("Bmx-Token") != TOKEN:
            self.send_error(401, "Unauthorized")
            return
        if kind == "status":
            self.send_error(body, "Internal Server Error" if body == 500 else "Error")
            return
        if kind == "slow":
            time.sleep(1.5)
        if kind == "stall":  # half the file, then a pause longer than the client's timeout
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            time.sleep(1.5)
            self.wfile.write(body[len(body) // 2 :])
            return
        self.send_response(200)
        announced = len(body) + (500 if kind == "truncated" else 0)
        self.send_header("Content-Length", str(announced))
        self.end_headers()
        self.wfile.write(body)
        if kind == "truncated":
            self.close_connection = True


@pytest.fixture
def server():
    """A local publisher on 127.0.0.1 serving the prepared releases."""
    monthly = (RAW / MONTHLY).read_bytes()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.requests = {}
    httpd.routes = {
        "/remesas/revised.csv": ("ok", _monthly_revised()),
        "/remesas/renamed.csv": ("ok", monthly.replace(b"VALOR_USD", b"VALOR_DOLARES", 1)),
        "/remesas/latin1.csv": (
            "ok",
            monthly.decode("utf-8").replace("Ingresos", "Ingresos\u00e1", 1).encode("latin-1"),
        ),
        "/remesas/truncated.csv": ("truncated", monthly[: len(monthly) // 2]),
        "/remesas/cut_mid_row.csv": ("ok", monthly[: len(monthly) // 2]),
        "/remesas/error.csv": ("status", 500),
        "/remesas/slow.csv": ("slow", monthly),
        "/remesas/stalled.csv": ("stall", monthly),
        "/remesas/withdrawn.csv": (
            "ok",
            monthly.replace(b"2026-05-01,1,Ingresos,13901418,5611002446\r\n", b"").replace(
                b"2026-05-01,2,Egresos,273670,108459051\r\n", b""
            ),
        ),
        "/wb/gdp": ("ok", _worldbank_json()),
        "/wb/error": (
            "ok",
            json.dumps(
                [
                    {
                        "message": [
                            {"id": "120", "key": "Invalid value", "value": "The provided parameter value is not valid"}
                        ]
                    }
                ]
            ).encode(),
        ),
        "/sie/SF43718/datos": ("token", _sie_fix_json()),
        INEGI_PATH: ("inegi", _inegi_json(revise=True)),
        "/inegi/error": ("status", 500),
        "/sie/CE166/revised.xlsx": ("ok", _ce166_xlsx("revised")),
        "/sie/CE166/withdrawn.xlsx": ("ok", _ce166_xlsx("withdrawn")),
        "/sie/CE166/renamed.xlsx": ("ok", _ce166_xlsx("renamed")),
        "/sie/CE166/cut.xlsx": ("ok", _ce166_xlsx("committed")[:100_000]),
        "/sie/CE166/truncated.xlsx": ("truncated", _ce166_xlsx("committed")[:100_000]),
        "/sie/CE166/error.xlsx": ("status", 500),
    }
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _sources(tmp_path: Path, base: str, urls: dict[str, str]):
    """config/refresh_sources.yaml with only the named sources, pointed at the local server."""
    data = yaml.safe_load((REPO / "config" / "refresh_sources.yaml").read_text(encoding="utf-8"))
    data["sources"] = {name: {**data["sources"][name], "url": base + url} for name, url in urls.items()}
    path = tmp_path / "refresh_sources.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    sources, _ = load_sources(
        path, REPO / "workflow/schemas/refresh_sources.schema.yaml", REPO / "config/statistical_tables.yaml"
    )
    return sources


def _committed_md5s() -> dict[str, str]:
    return {p.name: file_md5(p) for p in RAW.iterdir()}


def _run(tmp_path, server, urls, **kwargs):
    sources = _sources(tmp_path, server.base, urls)
    kwargs.setdefault("timeout", 5.0)
    kwargs.setdefault("attempts", 1)
    return refresh(
        sources, releases=tmp_path / "releases", date="2027-01-15", committed_dir=RAW, stream=io.StringIO(), **kwargs
    )


def _run_unreachable(tmp_path, urls):
    """A refresh of ``urls`` on a port of 127.0.0.1 where nothing listens (into its own releases directory)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sources = _sources(tmp_path, f"http://127.0.0.1:{port}", urls)
    return refresh(
        sources,
        releases=tmp_path / "r",
        date="2027-01-15",
        committed_dir=RAW,
        stream=io.StringIO(),
        attempts=1,
        timeout=1,
    )


# --- the declarations ---------------------------------------------------------------------------


def test_every_declared_source_refreshes_a_declared_statistical_file():
    sources, headlines = load_sources(
        REPO / "config/refresh_sources.yaml",
        REPO / "workflow/schemas/refresh_sources.schema.yaml",
        REPO / "config/statistical_tables.yaml",
    )
    declared = load_statistical_files(REPO / "data/raw/datapackage.json")
    for source in sources.values():
        assert source.file in declared, source.name
        header = (RAW / source.file).read_bytes().split(b"\r\n", 1)[0].decode("utf-8")
        if source.wide:  # the name column, then the committed file's quarters
            assert header.split(",")[0] == source.wide["name_column"], source.name
            assert header.split(",")[1:3] == ["Ene-Mar 2013", "Abr-Jun 2013"]
        else:
            assert tuple(header.split(",")) == source.columns, source.name
        assert source.url.startswith("https://")
    assert {s.token_env for s in sources.values()} - {None} == {"BANXICO_TOKEN", "INEGI_TOKEN"}
    # Every committed file a publisher updates is declared; the census and CONAPO files are not.
    assert {s.file for s in sources.values()} == {
        p.name for p in RAW.iterdir() if p.name.startswith(("banxico", "worldbank", "inegi_inpc"))
    }
    # INEGI's token goes in the URL's path, as its API asks; the declaration holds only the placeholder.
    assert sources["inpc_monthly"].url.startswith(
        "https://www.inegi.org.mx/app/api/indicadores/desarrolladores/jsonxml/INDICATOR/628194,"
    )
    assert sources["inpc_monthly"].token_in_url and "{token}?type=json" in sources["inpc_monthly"].url
    for table in headlines:
        header = (REPO / table["file"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert set(table["key"]) | set(table["values"]) <= set(header), table["file"]


# --- a good release -----------------------------------------------------------------------------


def test_release_directory_holds_each_file_with_md5_url_and_retrieval_time(tmp_path, server, monkeypatch):
    monkeypatch.setenv("BANXICO_TOKEN", TOKEN)
    before = _committed_md5s()
    stream = io.StringIO()
    sources = _sources(
        tmp_path,
        server.base,
        {
            "remittances_monthly": "/remesas/revised.csv",
            "gdp_current_usd": "/wb/gdp",
            "usdmxn_fix_monthly": "/sie/SF43718/datos",
        },
    )
    release = refresh(
        sources, releases=tmp_path / "releases", date="2027-01-15", committed_dir=RAW, stream=stream, attempts=1
    )
    assert release == tmp_path / "releases" / "2027-01-15"
    record = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"]: r for r in record["resources"]}
    assert set(paths) == {
        f"statistical_files/{MONTHLY}",
        f"statistical_files/{GDP}",
        f"statistical_files/{FIX}",
        "downloads/gdp_current_usd.json",
        "downloads/usdmxn_fix_monthly.json",
    }
    for path, resource in paths.items():
        assert resource["hash"] == file_md5(release / path)
        assert resource["bytes"] == (release / path).stat().st_size
        (origin,) = resource["sources"]
        assert origin["url"].startswith(server.base)
        assert origin["retrieved"].endswith("+00:00")
    # The CSV download is kept byte for byte; the API answers are kept as received beside their conversion.
    assert (release / "statistical_files" / MONTHLY).read_bytes() == _monthly_revised()
    assert (release / "downloads/gdp_current_usd.json").read_bytes() == _worldbank_json()
    assert rel.verify_release(release)
    # The progress display named every download; the committed files did not change.
    log = stream.getvalue()
    assert "[1/3] remittances_monthly" in log and "[3/3] usdmxn_fix_monthly" in log
    assert _committed_md5s() == before
    # The token was sent in its header and never written anywhere.
    for path in release.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes()


def test_worldbank_conversion_gives_the_committed_columns_and_values(tmp_path):
    sources = _sources(tmp_path, "http://127.0.0.1:9", {"gdp_current_usd": "/wb/gdp"})
    source = sources["gdp_current_usd"]
    converted = worldbank_api_json(source, source.url, _worldbank_json(revise=False))
    lines = converted.decode("utf-8").split("\r\n")
    assert lines[0] == "Country Name,Country Code,Year,Value"
    assert not converted.endswith(b"\n")  # as the committed file (final_newline: false)
    committed = {
        line for line in (RAW / GDP).read_text(encoding="utf-8").splitlines() if ",MEX," in line or ",USA," in line
    }
    # Every committed row of Mexico and the United States comes back with the same value; 2024 is new,
    # 2025 (no value yet) is left out.
    rows = {tuple(r) for r in csv.reader(io.StringIO(converted.decode("utf-8")))}
    for line in committed:
        name, code, year, value = next(csv.reader([line]))
        assert any(r[1:3] == (code, year) and float(r[3]) == float(value) for r in rows), line
    assert any(r[1:3] == ("USA", "2024") for r in rows) and not any(r[2] == "2025" for r in rows)


def test_banxico_sie_conversion_averages_the_daily_fix_by_month(tmp_path):
    sources = _sources(tmp_path, "http://127.0.0.1:9", {"usdmxn_fix_monthly": "/sie/SF43718/datos"})
    source = sources["usdmxn_fix_monthly"]
    converted = banxico_sie_json(source, source.url, _sie_fix_json())
    changes = compare_file(source, (RAW / FIX).read_bytes(), converted)
    # Monthly means of the daily values equal the committed monthly averages (N/E skipped, thousands
    # commas read), the months before November 1991 are 0 as committed, July 2026 is new.
    assert changes.revisions == []
    assert [r["PERIODO"] for r in changes.new_rows] == ["2026-07-01"]
    assert changes.new_rows[0]["TIPO_CAMBIO"] == "18.05"
    assert converted.decode("utf-8").split("\r\n")[1] == "1991-01-01,0"


def test_sie_thousands_commas_and_bad_numbers(tmp_path):
    sources = _sources(tmp_path, "http://127.0.0.1:9", {"usdmxn_fix_monthly": "/sie/SF43718/datos"})
    source = sources["usdmxn_fix_monthly"]
    payload = {"bmx": {"series": [{"idSerie": "SF43718", "datos": [{"fecha": "05/01/2027", "dato": "1,017.5"}]}]}}
    converted = banxico_sie_json(source, source.url, json.dumps(payload).encode())
    assert converted.decode().endswith("2027-01-01,1017.5\r\n")
    payload["bmx"]["series"][0]["datos"][0]["dato"] = "17.x"
    with pytest.raises(RefreshError, match=r"series SF43718, 05/01/2027: '17.x' is not a number"):
        banxico_sie_json(source, source.url, json.dumps(payload).encode())
    with pytest.raises(RefreshError, match=r"lacks the series \['SF43718'\]"):
        banxico_sie_json(source, source.url, b'{"bmx": {"series": []}}')


# --- faults: each names source, URL and problem; nothing committed changes ------------------------


FAULTS = {
    "renamed column": ("/remesas/renamed.csv", r"columns changed: .*missing \['VALOR_USD'\], new \['VALOR_DOLARES'\]"),
    "encoding changed": (
        "/remesas/latin1.csv",
        r"not UTF-8 like the committed banxico_remesas_mensuales_1995_2026.csv",
    ),
    "truncated (short of Content-Length)": ("/remesas/truncated.csv", r"truncated download"),
    "truncated (ends mid-row)": ("/remesas/cut_mid_row.csv", r"ends mid-row with no newline.*truncated"),
    "HTTP 500": ("/remesas/error.csv", r"HTTP 500 .*server error.*gave up after 1 attempt"),
    "HTTP 404": ("/remesas/missing.csv", r"HTTP 404 Not Found"),
    "stalled mid-file": ("/remesas/stalled.csv", r"no data for 0.5 s \(the server timed out\)"),
    "slow response": ("/remesas/slow.csv", r"no data for 0.5 s \(the server timed out\)"),
    "withdrawn period": (
        "/remesas/withdrawn.csv",
        r"fewer periods than the committed .*1 period\(s\) withdrawn \(2026-05-01\)",
    ),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_names_source_url_and_problem_and_records_nothing(fault, tmp_path, server):
    url, problem = FAULTS[fault]
    before = _committed_md5s()
    with pytest.raises(RefreshErrors) as caught:
        _run(tmp_path, server, {"remittances_monthly": url}, timeout=0.5)
    (error,) = caught.value.errors
    assert error.source == "remittances_monthly" and error.url == server.base + url
    assert f"source 'remittances_monthly' ({server.base}{url})" in str(caught.value)
    assert __import__("re").search(problem, error.problem), error.problem
    release = tmp_path / "releases" / "2027-01-15"
    assert not (release / "statistical_files" / MONTHLY).exists()
    assert not (release / "datapackage.json").exists()
    assert _committed_md5s() == before
    assert not (tmp_path / "releases" / LOCK).exists()


def test_host_unreachable(tmp_path, server):
    with pytest.raises(
        RefreshErrors, match=r"source 'population' \(http://127\.0\.0\.1:\d+/wb/population\): host unreachable"
    ):
        _run_unreachable(tmp_path, {"population": "/wb/population"})


def test_server_errors_are_retried_a_bounded_number_of_times(tmp_path, server):
    with pytest.raises(RefreshErrors, match="gave up after 2 attempt"):
        _run(tmp_path, server, {"remittances_monthly": "/remesas/error.csv"}, attempts=2)
    assert server.requests["/remesas/error.csv"] == 2


def test_world_bank_error_answer_is_reported(tmp_path, server):
    with pytest.raises(RefreshErrors, match=r"the World Bank API answered with an error: Invalid value"):
        _run(tmp_path, server, {"gdp_current_usd": "/wb/error"})


def test_missing_or_refused_token(tmp_path, server, monkeypatch):
    monkeypatch.delenv("BANXICO_TOKEN", raising=False)
    with pytest.raises(RefreshErrors, match=r"environment variable BANXICO_TOKEN, which is not set"):
        _run(tmp_path, server, {"usdmxn_fix_monthly": "/sie/SF43718/datos"})
    assert "/sie/SF43718/datos" not in server.requests  # nothing sent without a token
    monkeypatch.setenv("BANXICO_TOKEN", "wrong-token")
    with pytest.raises(RefreshErrors, match=r"HTTP 401 Unauthorized: the token in BANXICO_TOKEN was refused"):
        _run(tmp_path, server, {"usdmxn_fix_monthly": "/sie/SF43718/datos"})


def test_the_next_run_resumes_after_a_failed_source(tmp_path, server):
    urls = {"remittances_monthly": "/remesas/revised.csv", "gdp_current_usd": "/remesas/error.csv"}
    with pytest.raises(RefreshErrors) as caught:
        _run(tmp_path, server, urls)
    assert [e.source for e in caught.value.errors] == ["gdp_current_usd"]
    release = tmp_path / "releases" / "2027-01-15"
    recorded = file_md5(release / "statistical_files" / MONTHLY)
    # The publisher is back: the next run fetches only what is missing and keeps what was recorded.
    stream = io.StringIO()
    sources = _sources(tmp_path, server.base, {**urls, "gdp_current_usd": "/wb/gdp"})
    refresh(sources, releases=tmp_path / "releases", date="2027-01-15", committed_dir=RAW, stream=stream, attempts=1)
    assert "remittances_monthly: already in release 2027-01-15, skipped" in stream.getvalue()
    assert server.requests["/remesas/revised.csv"] == 1
    assert file_md5(release / "statistical_files" / MONTHLY) == recorded
    assert len(rel.verify_release(release)) == 2


def test_two_refreshes_at_once_are_refused(tmp_path, server):
    releases = tmp_path / "releases"
    releases.mkdir()
    # A lock held by a live process (this test's parent) stops a second refresh before any download.
    (releases / LOCK).write_text(f"{os.getppid()} 2027-01-15T00:00:00+00:00\n", encoding="utf-8")
    with pytest.raises(RefreshLockedError, match=rf"another refresh is running \(process {os.getppid()}"):
        _run(tmp_path, server, {"remittances_monthly": "/remesas/revised.csv"})
    assert server.requests == {}
    # A lock left by a process that has ended is taken over.
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (releases / LOCK).write_text(ended.stdout.strip() + "\n", encoding="utf-8")
    _run(tmp_path, server, {"remittances_monthly": "/remesas/revised.csv"})
    assert not (releases / LOCK).exists()


def test_the_lock_is_exclusive_between_threads(tmp_path):
    entered = threading.Event()
    release_it = threading.Event()

    def hold():
        with refresh_lock(tmp_path):
            entered.set()
            release_it.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    entered.wait(5)
    text = (tmp_path / LOCK).read_text(encoding="utf-8")
    (tmp_path / LOCK).write_text(text.replace(str(os.getpid()), str(os.getppid())), encoding="utf-8")
    with pytest.raises(RefreshLockedError):
        with refresh_lock(tmp_path):
            pass
    release_it.set()
    holder.join(5)


def test_a_release_file_changed_after_download_fails_verification(tmp_path, server):
    release = _run(tmp_path, server, {"remittances_monthly": "/remesas/revised.csv"})
    path = release / "statistical_files" / MONTHLY
    path.write_bytes(path.read_bytes().replace(b"5400000000", b"5400000001"))
    with pytest.raises(InputError, match=r"md5 is .* but .*datapackage.json records"):
        rel.verify_release(release)


# --- comparison and report ----------------------------------------------------------------------


def test_rounding_rule_for_moved_values():
    assert not moved("64745.5", "64745.50")
    assert moved("17.3034", "17.3035")
    assert not moved("13040000000.0", "13040000000")
    assert moved("Ingresos", "Ingreso")


def test_revisions_of_past_periods_apart_from_new_periods(tmp_path):
    sources = _sources(tmp_path, "http://127.0.0.1:9", {"remittances_monthly": "/x", "gdp_current_usd": "/y"})
    changes = compare_file(sources["remittances_monthly"], (RAW / MONTHLY).read_bytes(), _monthly_revised())
    assert changes.revisions == [
        {
            "key": "2026-01-01/1",
            "period": "2026-01-01",
            "column": "VALOR_USD",
            "before": "4656526805",
            "after": "4657526805",
        }
    ]
    assert [(r["PERIODO"], r["ID_FLUJO"]) for r in changes.new_rows] == [("2026-06-01", "1"), ("2026-06-01", "2")]
    gdp = sources["gdp_current_usd"]
    converted = worldbank_api_json(gdp, gdp.url, _worldbank_json())
    world = compare_file(gdp, (RAW / GDP).read_bytes(), converted, {"Country Code": ["MEX", "USA"]})
    assert [(r["key"], r["column"]) for r in world.revisions] == [("MEX/2023", "Value")]
    assert [r["Year"] for r in world.new_rows] == ["2024"]
    # The other countries are not in this prepared answer: counted as no longer published, not listed.
    assert world.dropped_rows == [] and world.dropped_elsewhere == 13979 - 129 + 1


def _audit(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["check_id", "source", "recomputed", "verdict"])
        writer.writerows([(c, "banxico", r, v) for c, r, v in rows])
    return path


def test_report_lists_changed_verdicts_first_then_revisions_new_periods_and_estimates(tmp_path):
    sources = _sources(tmp_path, "http://127.0.0.1:9", {"remittances_monthly": "/x"})
    changes = compare_file(sources["remittances_monthly"], (RAW / MONTHLY).read_bytes(), _monthly_revised())
    before = _audit(tmp_path / "before.csv", [("claim:a", "1.0", "consistent"), ("claim:b", "2.0", "consistent")])
    after = _audit(tmp_path / "after.csv", [("claim:a", "1.0", "consistent"), ("claim:b", "2.9", "discrepancy")])
    verdicts = compare_audit(before, after)
    assert [v.check_id for v in verdicts] == ["claim:b", "claim:a"]
    for root, value in ((tmp_path / "old", "19.43"), (tmp_path / "new", "19.51")):
        (root / "results").mkdir(parents=True)
        (root / "results" / "g.csv").write_text(
            f"measure,period,compound_growth_pct\nUSD,1995-2005,{value}\n", encoding="utf-8"
        )
    headline = [
        {"notebook": 6, "file": "results/g.csv", "key": ["measure", "period"], "values": ["compound_growth_pct"]}
    ]
    estimates = compare_headlines(tmp_path / "old", tmp_path / "new", headline)
    resources = [
        {
            "path": f"statistical_files/{MONTHLY}",
            "hash": "0" * 32,
            "bytes": 1,
            "sources": [{"url": "http://127.0.0.1/x", "retrieved": "2027-01-15T00:00:00+00:00"}],
        }
    ]
    problem = "config/statistical_tables.yaml, row 'MEX 2023': audit check x: not explained in the register"
    text = render_report("2027-01-15", resources, [changes], verdicts, estimates, audit_problems=[problem])
    assert "Claims and findings whose verdict changed: **1** of 2" in text
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections[:5] == [
        "## Summary",
        "## Claims whose verdict changed",
        "## What the audit's gate would have stopped on",
        "## Revisions of past periods",
        "## New periods",
    ]
    assert f"- {problem}" in text
    changed_section = text.split("## Claims whose verdict changed")[1].split("##")[0]
    assert "| claim:b | banxico | consistent | discrepancy | 2.0 | 2.9 |" in changed_section
    assert "claim:a" not in changed_section
    assert "| 2026-01-01/1 | VALOR_USD | 4656526805 | 4657526805 |" in text
    assert "| 2026-06-01 | 1 | Ingresos | 13000000 | 5400000000 |" in text
    assert "| 6 | results/g.csv | USD / 1995-2005 | compound_growth_pct | 19.43 | 19.51 | yes |" in text


# --- adoption and the tree built on a release ---------------------------------------------------


def test_adopting_a_release_records_the_new_md5_and_origin(tmp_path, server):
    release = _run(tmp_path, server, {"remittances_monthly": "/remesas/revised.csv"})
    root = tmp_path / "repo"
    (root / "data" / "raw" / "statistical_files").mkdir(parents=True)
    (root / "data" / "raw" / "datapackage.json").write_bytes((REPO / "data/raw/datapackage.json").read_bytes())
    assert adopt(root, release) == [MONTHLY]
    declared = load_statistical_files(root / "data/raw/datapackage.json")[MONTHLY]
    adopted = root / "data/raw/statistical_files" / MONTHLY
    assert adopted.read_bytes() == _monthly_revised()
    assert verify_statistical_file(adopted, declared) == declared.md5
    assert declared.origin.startswith(f"{server.base}/remesas/revised.csv, retrieved 20")
    resource = next(
        r
        for r in json.loads((root / "data/raw/datapackage.json").read_text())["resources"]
        if r["path"].endswith(MONTHLY)
    )
    assert resource["replaces"]["hash"] == "3d0e41125f2e56ad9132171875f50260"  # the committed copy's md5
    # Every other record is unchanged.
    others = load_statistical_files(REPO / "data/raw/datapackage.json")
    for name, spec in load_statistical_files(root / "data/raw/datapackage.json").items():
        if name != MONTHLY:
            assert spec == others[name]


def test_the_tree_for_a_release_is_a_copy_without_outputs_that_records_the_release(tmp_path, server):
    release = _run(tmp_path, server, {"remittances_monthly": "/remesas/revised.csv"})
    tree = prepare_tree(REPO, release, tmp_path / "tree")
    assert (tree / "Snakefile").is_file() and (tree / "config" / "config.yaml").is_file()
    assert not (tree / "reports").exists() and not (tree / "results").exists()
    declared = load_statistical_files(tree / "data/raw/datapackage.json")
    for name, spec in declared.items():
        verify_statistical_file(tree / "data/raw/statistical_files" / name, spec)
    assert declared[MONTHLY].md5 == file_md5(release / "statistical_files" / MONTHLY)
    config = yaml.safe_load((tree / "config" / "config.yaml").read_text(encoding="utf-8"))
    assert config["source_audit_gate"] is False
    assert yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))["source_audit_gate"] is True
    assert prepare_tree(REPO, release, tree) == tree  # prepared once; the build resumes in it
    (tmp_path / "other").mkdir()
    with pytest.raises(InputError, match="not a tree prepared for this release"):
        prepare_tree(REPO, release, tmp_path / "other")


def test_to_committed_file_keeps_csv_bytes(tmp_path):
    sources = _sources(tmp_path, "http://127.0.0.1:9", {"remittances_monthly": "/x"})
    data = (RAW / MONTHLY).read_bytes()
    assert to_committed_file(sources["remittances_monthly"], "http://127.0.0.1:9/x", data) == data


# --- the command line ---------------------------------------------------------------------------


def test_command_line_fetch_and_report_on_a_release(tmp_path, server, monkeypatch, capsys):
    from migration_evidence.refresh.cli import main

    monkeypatch.chdir(REPO)
    urls = {"remittances_monthly": "/remesas/revised.csv", "gdp_current_usd": "/wb/gdp"}
    _sources(tmp_path, server.base, urls)
    args = ["fetch", "--date", "2027-01-15", "--sources", str(tmp_path / "refresh_sources.yaml")]
    assert main([*args, "--releases", str(tmp_path / "releases"), "--attempts", "1"]) == 0
    # A tree standing for the build on the release: the committed audit with one verdict changed.
    tree = tmp_path / "tree"
    (tree / "reports").mkdir(parents=True)
    audit = (REPO / "reports" / "source_audit.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(audit)))
    first = rows[0]["check_id"]
    assert rows[0]["verdict"] != "not_comparable"
    rows[0]["verdict"] = "not_comparable"
    with open(tree / "reports" / "source_audit.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    output = tmp_path / "report.md"
    release = str(tmp_path / "releases" / "2027-01-15")
    assert main(["report", release, "--tree", str(tree), "--output", str(output)]) == 0
    text = output.read_text(encoding="utf-8")
    changed = text.split("## Claims whose verdict changed")[1].split("## ")[0]
    assert f"| {first} |" in changed and "| not_comparable |" in changed
    assert "| 2026-01-01/1 | VALOR_USD | 4656526805 | 4657526805 |" in text
    assert "| MEX/2023 | Value |" in text
    # A fault on the command line: one message naming source, URL and problem, exit status 1.
    _sources(tmp_path, server.base, {"remittances_monthly": "/remesas/renamed.csv"})
    capsys.readouterr()
    again = ["fetch", "--date", "2027-01-16", "--sources", str(tmp_path / "refresh_sources.yaml")]
    assert main([*again, "--releases", str(tmp_path / "releases"), "--attempts", "1"]) == 1
    assert (
        f"source 'remittances_monthly' ({server.base}/remesas/renamed.csv): columns changed" in capsys.readouterr().err
    )


# --- the municipal remittances: Banco de México's SIE table CE166, wide ----------------------------


def _municipal(tmp_path, base="http://127.0.0.1:9", url="/sie/CE166/revised.xlsx"):
    return _sources(tmp_path, base, {"remittances_by_municipality_quarterly": url})[
        "remittances_by_municipality_quarterly"
    ]


def test_ce166_workbook_converts_to_the_committed_file_byte_for_byte(tmp_path):
    source = _municipal(tmp_path)
    converted = to_committed_file(source, source.url, _ce166_xlsx("committed"))
    assert converted == (RAW / MUNICIPAL).read_bytes()
    # 32 states, each with its municipalities and one "No identificado"; 48 quarters 2013-2024.
    header, rows = _wide(converted)
    assert (len(header), header[-1]) == (49, "Oct-Dic 2024")
    assert sum("\u25cf" in r[0] for r in rows) == 32 and len(rows) == 2520


def test_ce166_revised_cell_and_new_quarter_column(tmp_path):
    source = _municipal(tmp_path)
    converted = to_committed_file(source, source.url, _ce166_xlsx("revised"))
    header, rows = _wide(converted)
    assert header[-2:] == ["Oct-Dic 2024", "Ene-Mar 2025"]
    changes = compare_file(source, (RAW / MUNICIPAL).read_bytes(), converted)
    # The revised cell is a revision of a past period, keyed by state, row and quarter ...
    (revision,) = changes.revisions
    assert revision["period"] == "Oct-Dic 2024" and revision["column"] == "VALOR"
    assert revision["key"].startswith("Zacatecas/") and revision["key"].endswith("/Oct-Dic 2024")
    assert round(float(revision["after"]) - float(revision["before"]), 6) == 1.5
    # ... and the new column's cells are the new period, one per state and municipality.
    assert len(changes.new_rows) == 2520 and {r["PERIODO"] for r in changes.new_rows} == {"Ene-Mar 2025"}
    assert changes.dropped_rows == []


def test_ce166_refresh_keeps_the_workbook_and_the_wide_file(tmp_path, server):
    release = _run(tmp_path, server, {"remittances_by_municipality_quarterly": "/sie/CE166/revised.xlsx"})
    record = {r["path"]: r for r in rel.read_record(release)["resources"]}
    kept = record["downloads/remittances_by_municipality_quarterly.xlsx"]
    assert kept["mediatype"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert (release / kept["path"]).read_bytes() == _ce166_xlsx("revised")
    converted = record[f"statistical_files/{MUNICIPAL}"]
    assert converted["conversion"] == "banxico_sie_cuadro_xlsx"
    assert _wide((release / converted["path"]).read_bytes())[0][-1] == "Ene-Mar 2025"
    assert len(rel.verify_release(release)) == 1


CE166_FAULTS = {
    "withdrawn quarter": (
        "/sie/CE166/withdrawn.xlsx",
        rf"fewer periods than the committed {MUNICIPAL}: 1 period\(s\) withdrawn \(Oct-Dic 2024\)",
    ),
    "renamed column": ("/sie/CE166/renamed.xlsx", r"columns changed: 'Abr-Jun 14' .* is not a quarter label"),
    "truncated workbook": (
        "/sie/CE166/cut.xlsx",
        r"not the \.xlsx workbook SIE exports .*truncated, or another format",
    ),
    "truncated download": ("/sie/CE166/truncated.xlsx", r"truncated download"),
    "HTTP 500": ("/sie/CE166/error.xlsx", r"HTTP 500 .*server error"),
}


@pytest.mark.parametrize("fault", sorted(CE166_FAULTS))
def test_ce166_faults_name_source_url_and_problem(fault, tmp_path, server):
    url, problem = CE166_FAULTS[fault]
    before = _committed_md5s()
    with pytest.raises(RefreshErrors) as caught:
        _run(tmp_path, server, {"remittances_by_municipality_quarterly": url})
    (error,) = caught.value.errors
    assert (error.source, error.url) == ("remittances_by_municipality_quarterly", server.base + url)
    assert __import__("re").search(problem, error.problem), error.problem
    assert not (tmp_path / "releases" / "2027-01-15" / "datapackage.json").exists()
    assert _committed_md5s() == before


def test_ce166_rows_without_markers_and_bad_cells(tmp_path):
    from openpyxl import Workbook

    source = _municipal(tmp_path)

    def workbook(rows):
        book = Workbook()
        for row in rows:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    good = [
        [None, None, "Ene-Mar 2013", "Abr-Jun 2013"],
        [None, " \u25cf Colima", 1.5, 0],
        [None, " \u26ac Armería", "N/E", 0.00007],
    ]
    assert banxico_sie_cuadro_xlsx(source, source.url, workbook(good)).decode() == (
        "Municipio,Ene-Mar 2013,Abr-Jun 2013\r\n \u25cf Colima,1.5,0\r\n \u26ac Armería,,0.00007\r\n"
    )
    with pytest.raises(RefreshError, match=r"sheet row 3 has values but its name 'Armería' has neither"):
        banxico_sie_cuadro_xlsx(source, source.url, workbook([*good[:2], [None, "Armería", 1.0, 2.0]]))
    with pytest.raises(RefreshError, match=r"'uno' is not a number"):
        banxico_sie_cuadro_xlsx(source, source.url, workbook([*good[:2], [None, " \u26ac Armería", "uno", 2.0]]))
    with pytest.raises(RefreshError, match=r"quarters of the workbook's header row are not consecutive"):
        banxico_sie_cuadro_xlsx(source, source.url, workbook([[None, None, "Ene-Mar 2013", "Jul-Sep 2013"], *good[1:]]))
    with pytest.raises(RefreshError, match=r"no header row with quarter labels"):
        banxico_sie_cuadro_xlsx(source, source.url, workbook([[None, None, "2013-01", "2013-04"], *good[1:]]))


# --- INEGI's INPC through its Indicadores API --------------------------------------------------------


def _inpc(tmp_path, base="http://127.0.0.1:9", url=INEGI_URL):
    return _sources(tmp_path, base, {"inpc_monthly": url})["inpc_monthly"]


def test_inegi_answer_converts_to_the_committed_file_byte_for_byte(tmp_path):
    source = _inpc(tmp_path)
    converted = to_committed_file(source, source.url, _inegi_json())
    assert converted == (RAW / INPC).read_bytes()
    # INEGI's base: the second half of July 2018 = 100, so July 2018's monthly index is just under 100.
    assert "2018-07-01,99.909,99.974,99.722\r\n" in converted.decode()


def test_inegi_refresh_sends_the_token_in_the_path_and_writes_it_nowhere(tmp_path, server, monkeypatch):
    monkeypatch.setenv("INEGI_TOKEN", TOKEN)
    stream = io.StringIO()
    sources = _sources(tmp_path, server.base, {"inpc_monthly": INEGI_URL})
    release = refresh(
        sources, releases=tmp_path / "releases", date="2027-01-15", committed_dir=RAW, stream=stream, attempts=1
    )
    assert server.requests[INEGI_PATH + TOKEN] == 1
    record = {r["path"]: r for r in rel.read_record(release)["resources"]}
    assert record[f"statistical_files/{INPC}"]["sources"][0]["url"] == server.base + INEGI_URL
    changes = compare_file(
        sources["inpc_monthly"], (RAW / INPC).read_bytes(), (release / "statistical_files" / INPC).read_bytes()
    )
    assert [(r["period"], r["before"], r["after"]) for r in changes.revisions] == [("2026-06-01", "145.131", "145.2")]
    assert [r["PERIODO"] for r in changes.new_rows] == ["2026-07-01"] and changes.new_rows[0]["NO_SUBYACENTE"] == ""
    for path in release.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    assert TOKEN not in stream.getvalue()


def test_inegi_token_missing_or_refused(tmp_path, server, monkeypatch):
    monkeypatch.delenv("INEGI_TOKEN", raising=False)
    with pytest.raises(
        RefreshErrors, match=r"free access token from INEGI in the environment variable INEGI_TOKEN, which is not set"
    ):
        _run(tmp_path, server, {"inpc_monthly": INEGI_URL})
    assert not any(p.startswith("/inegi/") for p in server.requests)  # nothing sent without a token
    monkeypatch.setenv("INEGI_TOKEN", "wrong-token")
    with pytest.raises(RefreshErrors) as caught:
        _run(tmp_path, server, {"inpc_monthly": INEGI_URL})
    assert "HTTP 401 Unauthorized: the token in INEGI_TOKEN was refused" in str(caught.value)
    assert f"({server.base}{INEGI_URL})" in str(caught.value) and "wrong-token" not in str(caught.value)


def test_inegi_server_error_and_unreachable_host_do_not_show_the_token(tmp_path, server, monkeypatch):
    monkeypatch.setenv("INEGI_TOKEN", TOKEN)
    with pytest.raises(RefreshErrors, match=r"HTTP 500 .*server error") as caught:
        _run(tmp_path, server, {"inpc_monthly": "/inegi/error?token={token}"})
    assert TOKEN not in str(caught.value)
    with pytest.raises(RefreshErrors, match="host unreachable") as caught:
        _run_unreachable(tmp_path, {"inpc_monthly": INEGI_URL})
    assert TOKEN not in str(caught.value) and "{token}" in str(caught.value)


def test_inegi_changed_layout_and_error_answers(tmp_path):
    source = _inpc(tmp_path)
    payload = json.loads(_inegi_json())
    with pytest.raises(RefreshError, match=r"no Series list; found \['Header', 'Serie'\]\): the layout changed"):
        inegi_api_json(source, source.url, json.dumps({"Header": {}, "Serie": payload["Series"]}).encode())
    renamed = {
        **payload,
        "Series": [
            {("OBSERVACIONES" if k == "OBSERVATIONS" else k): v for k, v in s.items()} for s in payload["Series"]
        ],
    }
    with pytest.raises(RefreshError, match=r"indicator 628194 has no OBSERVATIONS list: the layout changed"):
        inegi_api_json(source, source.url, json.dumps(renamed).encode())
    with pytest.raises(RefreshError, match=r"lacks the indicator\(s\) \['628198'\]"):
        inegi_api_json(source, source.url, json.dumps({"Series": payload["Series"][:2]}).encode())
    quarterly = json.loads(_inegi_json())
    quarterly["Series"][0]["OBSERVATIONS"][0]["TIME_PERIOD"] = "2026/02/15"
    with pytest.raises(RefreshError, match=r"period '2026/02/15' is not YYYY/MM"):
        inegi_api_json(source, source.url, json.dumps(quarterly).encode())
    error = {"ErrorInfo": "No se encontraron resultados", "ErrorDetails": "Token no válido", "ErrorCode": "100"}
    with pytest.raises(RefreshError, match=r"the INEGI API answered with an error: 100; No se encontraron resultados"):
        inegi_api_json(source, source.url, json.dumps(error).encode())
    with pytest.raises(RefreshError, match=r"not the JSON the API returns"):
        inegi_api_json(source, source.url, _inegi_json()[:5000])


def test_declarations_of_wide_files_and_tokens_in_urls_are_checked(tmp_path):
    data = yaml.safe_load((REPO / "config" / "refresh_sources.yaml").read_text(encoding="utf-8"))
    schema, tables = REPO / "workflow/schemas/refresh_sources.schema.yaml", REPO / "config/statistical_tables.yaml"

    def load(name, **changes):
        entry = {**data["sources"][name], **changes}
        path = tmp_path / "sources.yaml"
        path.write_text(yaml.safe_dump({**data, "sources": {name: entry}}, allow_unicode=True), encoding="utf-8")
        return load_sources(path, schema, tables)

    # A wide file names its file and layout, not a table and period columns.
    with pytest.raises(ConfigError, match="remittances_by_municipality_quarterly"):
        load("remittances_by_municipality_quarterly", table="remittances_by_state_quarterly")
    # A URL with {token} needs the variable that holds the token; a token needs a header or {token}.
    with pytest.raises(ValueError, match=r"the URL has \{token\} but no token_env"):
        load("population", url="https://api.worldbank.org/v2/{token}")
    with pytest.raises(ValueError, match=r"a token goes in token_header or in the URL as \{token\}"):
        load(
            "inpc_monthly", url="https://www.inegi.org.mx/app/api/indicadores/desarrolladores/jsonxml/INDICATOR/628194"
        )


def test_a_release_with_other_municipal_quarters_is_built_on_the_committed_copy(tmp_path, server):
    """The build reads the municipal file against the quarters config/municipal_waves.yaml declares, so a
    release with a new quarter is built with the committed copy of that file, and the report says so."""
    release = _run(tmp_path, server, {"remittances_by_municipality_quarterly": "/sie/CE166/revised.xlsx"})
    sources = _sources(tmp_path, server.base, {"remittances_by_municipality_quarterly": "/sie/CE166/revised.xlsx"})
    kept = rel.wide_files_with_other_periods(sources, release, RAW)
    assert kept == [MUNICIPAL]
    tree = prepare_tree(REPO, release, tmp_path / "tree", kept)
    declared = load_statistical_files(tree / "data/raw/datapackage.json")[MUNICIPAL]
    assert verify_statistical_file(tree / "data/raw/statistical_files" / MUNICIPAL, declared) == file_md5(
        RAW / MUNICIPAL
    )
    text = render_report("2027-01-15", [], [], [], [], built_on_committed=kept)
    assert f"Built on the committed copy, not the release's: `{MUNICIPAL}`." in text
    # The same quarters (revised cells only): the build uses the release's file.
    same = tmp_path / "same" / "statistical_files"
    same.mkdir(parents=True)
    (same / MUNICIPAL).write_bytes((RAW / MUNICIPAL).read_bytes())
    assert rel.wide_files_with_other_periods(sources, same.parent, RAW) == []
