"""Editing dialogs (initialisation mode), each composing a form generated from ui/*.ui."""
