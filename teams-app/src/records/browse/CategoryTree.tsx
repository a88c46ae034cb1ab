import { Caption1, makeStyles, mergeClasses, Tree, TreeItem, TreeItemLayout, tokens } from "@fluentui/react-components";
import type { FilePlan } from "@komu/shared";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../../app/useLang.js";
import { type CategoryNode, categoryLabel, categoryTree } from "../model/category-tree.js";

const useStyles = makeStyles({
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset ${tokens.strokeWidthThick} 0 0 ${tokens.colorCompoundBrandStroke}`,
  },
  aside: { color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
});

/** 文書分類表 as a tree: groups open and close, a leaf (or 「すべての分類」) filters the list. */
export function CategoryTree(props: {
  plan: Pick<FilePlan, "categories">;
  selected: string | null;
  onSelect: (code: string | null) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const styles = useStyles();
  const tree = useMemo(() => categoryTree(props.plan), [props.plan]);
  const defaultOpen = useMemo(() => tree.map((n) => n.category.code), [tree]);

  const leaf = (value: string, label: string, code: string | null, aside?: string) => (
    <TreeItem
      key={value}
      itemType="leaf"
      value={value}
      aria-selected={props.selected === code}
      onClick={() => props.onSelect(code)}
    >
      <TreeItemLayout
        className={mergeClasses(props.selected === code && styles.selected)}
        aside={aside ? <Caption1 className={styles.aside}>{aside}</Caption1> : undefined}
      >
        {label}
      </TreeItemLayout>
    </TreeItem>
  );

  const render = (node: CategoryNode) => {
    const c = node.category;
    const label = `${categoryLabel(c, lang)}${c.retired ? ` ${t("records.retired")}` : ""}`;
    if (node.children.length === 0) return leaf(c.code, label, c.code, t(`records.retention.${c.retention}`));
    return (
      <TreeItem key={c.code} itemType="branch" value={c.code}>
        <TreeItemLayout>{label}</TreeItemLayout>
        <Tree>{node.children.map(render)}</Tree>
      </TreeItem>
    );
  };

  return (
    <Tree aria-label={t("records.browse.treeLabel")} defaultOpenItems={defaultOpen} size="small">
      {leaf("__all", t("records.browse.allCategories"), null)}
      {tree.map(render)}
    </Tree>
  );
}
