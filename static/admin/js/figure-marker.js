// Figures placed in the article body while writing.
//
// The body stores <figure data-figure="N"></figure> between two blocks, N being the `order` of
// one of the article's figures (the "Ảnh" rows below the editor). Here that marker is a node the
// reporter inserts from the toolbar, sees as the photo's thumbnail with its caption, and drags
// elsewhere; the server gives the figure the position of its marker when the article is saved.
// Loaded by django-prose-editor's configurable preset (DJANGO_PROSE_EDITOR_EXTENSIONS).
import { Document, Node } from "django-prose-editor/editor"

const MARKER = "figureMarker"
const THUMBNAIL_WIDTH = 320
const editors = new Set()
const views = new Set()
// File chosen in a row -> its thumbnail as a data: URL ("" when it is not a readable image).
const thumbnails = new WeakMap()

function figuresGroup() {
  return document.getElementById("figures-group")
}

function field(row, name) {
  return row.querySelector(`[name$="-${name}"]`)
}

function thumbnailOfFile(file) {
  if (thumbnails.has(file)) return thumbnails.get(file)
  thumbnails.set(file, "")
  // A data: URL, not a blob: one: the admin's Content-Security-Policy allows only those.
  createImageBitmap(file)
    .then((bitmap) => {
      const scale = Math.min(1, THUMBNAIL_WIDTH / bitmap.width)
      const canvas = document.createElement("canvas")
      canvas.width = Math.round(bitmap.width * scale)
      canvas.height = Math.round(bitmap.height * scale)
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height)
      bitmap.close()
      thumbnails.set(file, canvas.toDataURL("image/jpeg", 0.8))
      refresh()
    })
    .catch(() => {})
  return ""
}

function thumbnailOf(row) {
  const file = field(row, "image")?.files?.[0]
  if (file) return thumbnailOfFile(file)
  if (field(row, "image-clear")?.checked) return ""
  return row.querySelector(".field-preview img")?.src || ""
}

// The figure rows of the form, numbered as the reporter sees them (1, 2, ...).
function figureRows() {
  const group = figuresGroup()
  if (!group) return []
  return [...group.querySelectorAll(".inline-related:not(.empty-form)")]
    .filter((row) => field(row, "order"))
    .map((row, index) => ({
      row,
      number: index + 1,
      order: field(row, "order").value.trim(),
      caption: field(row, "caption")?.value.trim() || "",
      deleted: !!field(row, "DELETE")?.checked,
      thumbnail: thumbnailOf(row),
    }))
}

function markersOf(editor) {
  // Top-level markers only: the document admits them nowhere else.
  const markers = []
  let blocks = 0
  editor.state.doc.forEach((node) => {
    if (node.type.name === MARKER) markers.push({ order: node.attrs.figure, blocks })
    else blocks += 1
  })
  return markers
}

function placedPositions() {
  const positions = new Map()
  for (const editor of editors) {
    for (const { order, blocks } of markersOf(editor)) positions.set(order, blocks)
  }
  return positions
}

// Each figure row says which number the editor shows for it, and whether the text places it.
// A placed figure's position follows its marker: shown, not typed (the server derives it too).
function updateFigureRows() {
  const positions = placedPositions()
  for (const { row, number, order } of figureRows()) {
    const placed = positions.has(order)
    row.classList.toggle("figure-placed", placed)
    const heading = row.querySelector("h3")
    if (heading) {
      let badge = heading.querySelector(".figure-number")
      if (!badge) {
        badge = element("span", "figure-number")
        heading.append(badge)
      }
      badge.textContent = placed ? `Ảnh ${number} · đã đặt trong nội dung` : `Ảnh ${number}`
    }
    const input = field(row, "position")
    if (!input) continue
    let note = row.querySelector(".figure-placed-note")
    input.readOnly = placed
    if (placed) {
      input.value = positions.get(order)
      if (!note) {
        note = element(
          "p",
          "figure-placed-note help",
          "Ảnh đã được đặt trong nội dung: vị trí theo chỗ đặt ảnh; kéo ảnh trong khung soạn thảo để đổi chỗ.",
        )
        note.id = `${input.id}-placed`
        input.after(note)
        input.dataset.describedBy = input.getAttribute("aria-describedby") || ""
        input.setAttribute("aria-describedby", `${input.dataset.describedBy} ${note.id}`.trim())
      }
    } else if (note) {
      note.remove()
      if (input.dataset.describedBy) {
        input.setAttribute("aria-describedby", input.dataset.describedBy)
      } else {
        input.removeAttribute("aria-describedby")
      }
    }
  }
}

function refresh() {
  for (const view of views) view.render()
  updateFigureRows()
}

function element(tagName, className, text) {
  const node = document.createElement(tagName)
  if (className) node.className = className
  if (text) node.textContent = text
  return node
}

function photo(figure, className) {
  if (figure?.thumbnail) {
    const image = element("img", className)
    image.src = figure.thumbnail
    image.alt = ""
    return image
  }
  return element("span", `${className} ${className}--empty`, "Chưa có ảnh")
}

function figureLabel(figure) {
  return `Ảnh ${figure.number}`
}

function addFigureRow() {
  const group = figuresGroup()
  group?.querySelector(".add-row a")?.click()
  const rows = figureRows()
  const row = rows[rows.length - 1]?.row
  if (row) {
    row.scrollIntoView({ block: "center" })
    field(row, "image")?.focus()
  }
}

// The dialog of the toolbar button: one button per figure of the article.
function chooseFigure(editor) {
  const placed = placedPositions()
  const figures = figureRows().filter((figure) => !figure.deleted && figure.order !== "")
  const dialog = element("dialog", "figure-chooser")
  dialog.setAttribute("aria-labelledby", "figure-chooser-title")
  const title = element("h2", "", "Chèn ảnh vào bài")
  title.id = "figure-chooser-title"
  dialog.append(title)
  if (figures.length) {
    dialog.append(
      element("p", "help", "Ảnh được đặt ngay sau đoạn đang có con trỏ; kéo ảnh để đổi chỗ."),
    )
  } else {
    dialog.append(
      element(
        "p",
        "",
        "Bài chưa có ảnh. Thêm ảnh ở mục «Ảnh» bên dưới (chọn tệp ảnh, viết chú thích), rồi chèn vào đây.",
      ),
    )
  }
  const list = element("ul", "figure-chooser__list")
  for (const figure of figures) {
    const button = element("button", "figure-chooser__figure")
    button.type = "button"
    const text = element("span", "figure-chooser__text")
    text.append(element("strong", "", figureLabel(figure)))
    text.append(element("span", "", figure.caption || "Chưa có chú thích"))
    if (placed.has(figure.order)) {
      button.disabled = true
      text.append(element("em", "", "Đã đặt trong bài"))
    }
    button.append(photo(figure, "figure-chooser__photo"), text)
    button.addEventListener("click", () => {
      dialog.close()
      editor.chain().focus().insertFigureMarker(figure.order).run()
    })
    const item = element("li")
    item.append(button)
    list.append(item)
  }
  dialog.append(list)
  const actions = element("div", "figure-chooser__actions")
  const add = element("button", "button", "Thêm ảnh mới")
  add.type = "button"
  add.addEventListener("click", () => {
    dialog.close()
    addFigureRow()
  })
  const close = element("button", "button", "Đóng")
  close.type = "button"
  close.addEventListener("click", () => dialog.close())
  actions.append(add, close)
  dialog.append(actions)
  dialog.addEventListener("close", () => dialog.remove())
  editor.view.dom.parentElement.append(dialog)
  dialog.showModal()
}

function markerView({ node, editor, getPos }) {
  let current = node
  const dom = element("div", "figure-marker")
  const view = {
    render() {
      const figure = figureRows().find((row) => row.order === current.attrs.figure)
      const text = element("span", "figure-marker__text")
      dom.classList.toggle("figure-marker--missing", !figure || figure.deleted)
      if (!figure) {
        text.append(
          element("strong", "", `Không có ảnh thứ tự ${current.attrs.figure}`),
          element("span", "", "Thêm ảnh đó ở mục «Ảnh» bên dưới, hoặc bỏ chỗ đặt này."),
        )
      } else {
        text.append(
          element("strong", "", figureLabel(figure)),
          element("span", "", figure.caption || "Chưa có chú thích"),
        )
        if (figure.deleted) text.append(element("em", "", "Ảnh này đang được đánh dấu xóa."))
      }
      const remove = element("button", "figure-marker__remove", "Bỏ khỏi nội dung")
      remove.type = "button"
      remove.addEventListener("click", () => {
        const position = getPos()
        editor
          .chain()
          .focus()
          .deleteRange({ from: position, to: position + current.nodeSize })
          .run()
      })
      dom.setAttribute(
        "aria-label",
        figure ? `${figureLabel(figure)}: ${figure.caption}` : text.textContent,
      )
      dom.replaceChildren(photo(figure, "figure-marker__photo"), text, remove)
    },
  }
  views.add(view)
  view.render()
  return {
    dom,
    update(updated) {
      if (updated.type !== current.type) return false
      current = updated
      view.render()
      return true
    },
    destroy() {
      views.delete(view)
    },
    // The remove button is the node view's own: ProseMirror leaves its clicks alone.
    stopEvent(event) {
      return event.target instanceof Element && !!event.target.closest(".figure-marker__remove")
    },
    ignoreMutation() {
      return true
    },
  }
}

export const FigureDocument = Document.extend({
  content: `(block | ${MARKER})+`,
})

export const FigureMarker = Node.create({
  name: MARKER,
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      figure: {
        default: null,
        parseHTML: (dom) => dom.getAttribute("data-figure"),
        renderHTML: (attributes) => ({ "data-figure": attributes.figure }),
      },
    }
  },

  parseHTML() {
    return [{ tag: "figure[data-figure]" }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    return markerView
  },

  addCommands() {
    return {
      // After the top-level block holding the cursor (in place of it when it is an empty
      // paragraph), with a paragraph after the figure when it ends the text, to write on.
      insertFigureMarker:
        (order) =>
        ({ state, chain }) => {
          const { selection } = state
          const { $from } = selection
          let from = selection.to
          let to = selection.to
          if ($from.depth > 0) {
            const block = $from.node(1)
            to = $from.after(1)
            from = block.type.name === "paragraph" && block.content.size === 0 ? $from.before(1) : to
          }
          const content = [{ type: this.name, attrs: { figure: String(order) } }]
          if (to === state.doc.content.size) content.push({ type: "paragraph" })
          return chain().insertContentAt({ from, to }, content).run()
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: MARKER,
      groups: "nodes",
      command: chooseFigure,
      button: buttons.material("add_photo_alternate", "Chèn ảnh vào bài"),
      enabled: (editor) => editor.isEditable,
    })
  },

  onCreate() {
    editors.add(this.editor)
    updateFigureRows()
  },

  onUpdate() {
    updateFigureRows()
  },

  onDestroy() {
    editors.delete(this.editor)
  },
})

// A new figure row gets the next free number, so that each photo has its own marker.
document.addEventListener("formset:added", (event) => {
  const group = figuresGroup()
  if (!group || !group.contains(event.target)) return
  const others = figureRows().filter(({ row }) => row !== event.target)
  const orders = others.map(({ order }) => Number.parseInt(order, 10)).filter(Number.isFinite)
  const order = field(event.target, "order")
  if (order && orders.length) order.value = Math.max(...orders) + 1
  refresh()
})
document.addEventListener("formset:removed", refresh)
for (const type of ["input", "change"]) {
  document.addEventListener(type, (event) => {
    if (figuresGroup()?.contains(event.target)) refresh()
  })
}
