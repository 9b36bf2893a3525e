rule other { condition: false }
