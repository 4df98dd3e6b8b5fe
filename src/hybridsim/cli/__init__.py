"""The ``hybridsim`` command line. Each sub-module registers its commands on the group."""

from __future__ import annotations

import os
import sys

import click

from .. import __version__
from ..scenario import ScenarioError


class FriendlyGroup(click.Group):
    """Turns expected failures into messages and an exit code, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ScenarioError as exc:
            click.echo(str(exc), err=True)
            sys.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader (e.g. `| head`) stopped listening: not an error worth a message.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:
            if os.environ.get("HYBRIDSIM_DEBUG"):
                raise
            click.echo(f"error: {type(exc).__name__}: {exc}", err=True)
            click.echo("(set HYBRIDSIM_DEBUG=1 to see the traceback)", err=True)
            sys.exit(1)


@click.group(cls=FriendlyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hybridsim")
def main() -> None:
    """hybridsim: a tabletop wargame simulator of hybrid threats."""


def _register() -> None:
    from . import authoring, play, report, run, sweep, verify

    for module in (run, verify, sweep, authoring, play, report):
        module.register(main)


_register()
