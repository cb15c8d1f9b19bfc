"""Staffing mathematics: Erlang B, Erlang C and Erlang A (agents needed per interval, predicted service level).

Qt-free and OR-Tools-free; only the standard library and numpy.  The public
API lives in :mod:`scheduler.staffing.erlang`.
"""
