"""Checks, through the AT-SPI bus, that quizdesk shows its controls to a screen reader.

Finds the application, lists what it exposes, presses buttons through the bus (the action a
screen-reader user triggers) and checks the library, question and presenter screens.
"""
import sys
import time

import pyatspi


def fail(message):
    print(f"a11y-check: {message}", file=sys.stderr)
    sys.exit(1)


def find_app(timeout=20.0):
    deadline = time.time() + timeout
    seen = set()
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is None:
                continue
            seen.add(app.name)
            if "quizdesk" in (app.name or "").lower():
                return app
        time.sleep(0.2)
    fail(f"no quizdesk application on the accessibility bus (found: {sorted(seen)})")


def nodes(root):
    """Every node below root, depth first, with its role name and its name."""
    out = []
    stack = [root]
    while stack:
        node = stack.pop()
        try:
            out.append((node.getRoleName(), node.name or "", node))
            stack.extend(node.getChildAtIndex(i) for i in range(node.childCount - 1, -1, -1))
        except Exception:  # a node that went away while walking
            continue
    return out


def wait_for(app, role, name, timeout=10.0, contains=False):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for r, n, node in nodes(app):
            if r == role and (name in n if contains else n == name):
                return node
        time.sleep(0.2)
    found = sorted({(r, n) for r, n, _ in nodes(app) if n})
    fail(f"no {role} named {name!r}; the screen shows: {found[:60]}")


def press(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate", "default"):
            action.doAction(i)
            return
    if action.nActions:
        action.doAction(0)
        return
    fail(f"{node.name!r} has no action a screen reader can press")


app = find_app()
print(f"a11y-check: found application {app.name!r}")

# Library: the banks, each with its labelled buttons.
wait_for(app, "push button", "New bank…")
study = wait_for(app, "push button", "Study")
buttons = [n for r, n, _ in nodes(app) if r == "push button"]
print(f"a11y-check: library buttons: {buttons}")
if buttons.count("Study") < 2:
    fail("the library should offer Study for both bundled banks")

# Question screen, reached by pressing buttons through the bus.
press(study)
start = wait_for(app, "push button", "Start")
wait_for(app, "push button", "Present to a class")
press(start)
wait_for(app, "push button", "Submit (Enter)")
wait_for(app, "push button", "Skip (S)")
wait_for(app, "label", "Question 1 of", contains=True)
print("a11y-check: question screen: submit, skip and the question are on the bus")

# Back to the setup, then the presenter.
press(wait_for(app, "push button", "End session"))
press(wait_for(app, "push button", "New session"))
press(wait_for(app, "push button", "Present to a class"))
wait_for(app, "push button", "Reveal (Space)")
wait_for(app, "label", "Question 1 of", contains=True)
print("a11y-check: presenter: the question and its controls are on the bus")
print("a11y-check: ok")
