"""Report: an analysis in, documents out.

Takes a corpus or its tables and gives HTML reports (parameterised notebooks run by papermill), the
figures in them, and an actors.yaml skeleton for speakers without a party."""
