"""Every change to a strategy goes through one function here (see STYLE.md, "actions").

Each checks permission, validates, writes, records who and why in the history,
and returns the object. Views, commands and the API all call these.
"""
