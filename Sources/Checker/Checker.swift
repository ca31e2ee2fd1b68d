// Checker: operations, explorer, random runs, properties, reports.
