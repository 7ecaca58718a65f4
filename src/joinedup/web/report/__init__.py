"""The board report: the partnership's verdict, summary, agenda, actions,
charts, assessment, gaps and cost as one printable page, a PDF and a file
(docs/report.md)."""
