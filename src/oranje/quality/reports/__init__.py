"""The board report (part "reports"): what the general board reads per region and period
(`content`), per municipality its chapter for the annual report (`chapter`), drawn as a PDF
with fpdf2 (`pdf`) and as a print page whose charts are inline SVG (`svg`).

Everything is read from the records when the report is shown: the report itself keeps only
its period, title and foreword."""
