import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from "@fluentui/react-components";
import { describe, expect, it } from "vitest";
import { fluentTheme, themeKeyFromMedia, themeKeyFromTeams } from "./theme.js";

describe("Teams theme mapping", () => {
  it("maps default/dark/contrast to Fluent's Teams themes", () => {
    expect(fluentTheme(themeKeyFromTeams("default"))).toBe(teamsLightTheme);
    expect(fluentTheme(themeKeyFromTeams("dark"))).toBe(teamsDarkTheme);
    expect(fluentTheme(themeKeyFromTeams("contrast"))).toBe(teamsHighContrastTheme);
  });

  it("treats unknown or missing themes as light, and is case-insensitive", () => {
    expect(themeKeyFromTeams(undefined)).toBe("light");
    expect(themeKeyFromTeams("sepia")).toBe("light");
    expect(themeKeyFromTeams("Dark")).toBe("dark");
    expect(themeKeyFromTeams("highContrast")).toBe("contrast");
  });

  it("follows the OS outside Teams, forced colours winning over dark", () => {
    expect(themeKeyFromMedia({ forcedColors: true, prefersDark: true })).toBe("contrast");
    expect(themeKeyFromMedia({ forcedColors: false, prefersDark: true })).toBe("dark");
    expect(themeKeyFromMedia({ forcedColors: false, prefersDark: false })).toBe("light");
  });
});
