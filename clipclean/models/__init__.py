"""Weights shipped with clipclean (chrome.npz: the chrome classifier, see training/)."""
