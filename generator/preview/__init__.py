"""The live preview (`python -m generator preview FILE`): the PDF's pages in a local web page, rebuilt on every save.

watcher.py sees saves, session.py keeps the state and builds, builder.py makes the documents,
server.py answers HTTP, page.py says what the page shows (assets/ holds its template, script and style).
"""
