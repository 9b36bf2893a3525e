aMѓОSЈzЊЬ®QП-_ъш©D20J0ћЛ„=XВІ+3К
ACkІЌ_ЖЌUeЫХТн‚ам.u[M
GARBAGE