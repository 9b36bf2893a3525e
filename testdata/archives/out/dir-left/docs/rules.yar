rule demo { condition: true }
