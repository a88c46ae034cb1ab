import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  mergeClasses,
  Textarea,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import type { Note } from "@komu/shared";
import { useTranslation } from "react-i18next";
import { groupNotes, noteMove } from "../model/anchors.js";

const useStyles = makeStyles({
  panel: { display: "grid", gap: tokens.spacingVerticalM, alignContent: "start", minWidth: 0, overflowY: "auto" },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  group: { display: "grid", gap: tokens.spacingVerticalS },
  current: {
    borderLeftWidth: tokens.strokeWidthThickest,
    borderLeftStyle: "solid",
    borderLeftColor: tokens.colorBrandStroke1,
    paddingLeft: tokens.spacingHorizontalS,
  },
  list: { margin: 0, padding: 0, listStyle: "none", display: "grid", gap: tokens.spacingVerticalS },
  note: {
    display: "grid",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  quote: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeftWidth: tokens.strokeWidthThick,
    borderLeftStyle: "solid",
    borderLeftColor: tokens.colorPaletteYellowBorderActive,
    whiteSpace: "pre-wrap",
  },
  row: { display: "flex", gap: tokens.spacingHorizontalXS, flexWrap: "wrap", alignItems: "center" },
});

/**
 * 自分のメモ: the caller's notes and highlights by page (the current page's marked), each editable
 * and deletable; notes moved by a new version say where from; orphaned ones (their text is gone)
 * are listed apart and flagged — never hidden.
 */
export function NotesPanel(props: {
  notes: Note[];
  currentPage: number;
  onGo: (page: number) => void;
  onEdit: (id: string, text: string) => void;
  onDelete: (id: string) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { pages, orphaned } = groupNotes(props.notes);
  return (
    <aside className={styles.panel} aria-labelledby="notes-heading" data-testid="notes-panel">
      <h3 id="notes-heading" className={styles.heading}>
        {t("meetings.notes.heading", { count: props.notes.length })}
      </h3>
      {props.notes.length === 0 && <Caption1>{t("meetings.notes.empty")}</Caption1>}
      {orphaned.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="notes-orphaned">
          <MessageBarBody>
            <MessageBarTitle>{t("meetings.notes.orphanedTitle", { count: orphaned.length })}</MessageBarTitle>
            <Body1 as="p">{t("meetings.notes.orphanedBody")}</Body1>
            <ul className={styles.list}>
              {orphaned.map((n) => (
                <NoteCard key={n.id} note={n} {...props} />
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {pages.map(([page, list]) => (
        <section
          key={page}
          className={mergeClasses(styles.group, page === props.currentPage && styles.current)}
          aria-labelledby={`notes-page-${page}`}
          data-testid="notes-page"
          data-page={page}
        >
          <div className={styles.row}>
            <Body1 id={`notes-page-${page}`}>
              <strong>{t("meetings.notes.page", { page })}</strong>
            </Body1>
            {page === props.currentPage ? (
              <Caption1>{t("meetings.notes.currentPage")}</Caption1>
            ) : (
              <Button size="small" appearance="subtle" onClick={() => props.onGo(page)}>
                {t("meetings.notes.goToPage", { page })}
              </Button>
            )}
          </div>
          <ul className={styles.list}>
            {list.map((n) => (
              <NoteCard key={n.id} note={n} {...props} />
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}

function NoteCard(props: { note: Note; onEdit: (id: string, text: string) => void; onDelete: (id: string) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { note } = props;
  const move = noteMove(note);
  return (
    <li className={styles.note} data-testid="note" data-note-id={note.id} data-state={note.state}>
      <div className={styles.row}>
        <Badge appearance="tint" color={note.kind === "highlight" ? "warning" : "brand"}>
          {t(`meetings.notes.kind.${note.kind}`)}
        </Badge>
        {move && (
          <Caption1 data-testid="note-moved">
            {t("meetings.notes.moved", { version: move.version, from: move.from, to: move.to })}
          </Caption1>
        )}
        {note.state === "orphaned" && (
          <Caption1>{t("meetings.notes.wasOnPage", { page: note.previousPage ?? note.anchor.page })}</Caption1>
        )}
      </div>
      {note.anchor.quote ? (
        <blockquote className={styles.quote}>{note.anchor.quote}</blockquote>
      ) : (
        <Caption1>{t("meetings.notes.wholePage")}</Caption1>
      )}
      <Field label={t("meetings.notes.text")}>
        <Textarea
          id={`note-text-${note.id}`}
          value={note.text}
          maxLength={2000}
          resize="vertical"
          onChange={(_, d) => props.onEdit(note.id, d.value)}
          data-testid="note-text"
        />
      </Field>
      <div className={styles.row}>
        <Button
          size="small"
          onClick={() => props.onDelete(note.id)}
          aria-label={t("meetings.notes.deleteLabel", {
            text: note.anchor.quote || note.text || t("meetings.notes.wholePage"),
          })}
          data-testid="note-delete"
        >
          {t("meetings.notes.delete")}
        </Button>
      </div>
    </li>
  );
}
