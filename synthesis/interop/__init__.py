"""Exchange with other tools: REFI-QDA projects and codebooks, CSV and XLSX spreadsheets."""
