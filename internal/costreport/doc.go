// Package costreport draws cost reports: the per-showcase and commissioner
// workbooks (excelize), the CSV of cost lines and the SVG bar chart for the
// cost page. The numbers all come from package costs; this package only
// lays them out, so a figure in a workbook is the figure on the page.
package costreport
