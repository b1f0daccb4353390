"""Generator of the demo dealer group: two stores with two years of history."""

from .builder import DemoStoreBuilder
from .planning import planned_vins

__all__ = ["DemoStoreBuilder", "planned_vins"]
